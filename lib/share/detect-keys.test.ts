import { describe, expect, it } from "vitest";
import { findSecrets, maskSecret } from "./detect-keys";

// Built at run time so that no key-shaped literal sits in the repository.
const tail = (length: number) => "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5".slice(0, length);
const KEYS = {
  openai: `sk-${tail(40)}`,
  project: `sk-proj-${tail(40)}`,
  anthropic: `sk-ant-api03-${tail(40)}`,
  groq: `gsk_${tail(40)}`,
  google: `AIza${tail(35)}`,
  aws: `AKIA${"ABCDEFGHIJKLMNOP"}`,
  xai: `xai-${tail(40)}`,
  jwt: `eyJ${tail(20)}.eyJ${tail(20)}.${tail(30)}`,
};

describe("key detection", () => {
  it("finds each provider's key format and says where", () => {
    const request = {
      llm_configuration: {
        messages: [
          { role: "user", content: `my key is ${KEYS.openai} thanks` },
          { role: "user", content: `${KEYS.project} and ${KEYS.anthropic}` },
        ],
        functions: [{ name: "f", description: `use ${KEYS.groq}` }],
      },
      metadata: { google: KEYS.google, aws: KEYS.aws, xai: KEYS.xai, header: `Authorization: Bearer ${KEYS.jwt}` },
    };
    const findings = findSecrets(request);
    expect(findings.map((finding) => [finding.path, finding.kind])).toEqual([
      ["llm_configuration.messages[0].content", "OpenAI-style key"],
      ["llm_configuration.messages[1].content", "Anthropic key"],
      ["llm_configuration.messages[1].content", "OpenAI project key"],
      ["llm_configuration.functions[0].description", "Groq key"],
      ["metadata.google", "Google API key"],
      ["metadata.aws", "AWS access key id"],
      ["metadata.xai", "xAI key"],
      ["metadata.header", "JSON Web Token"],
    ]);
    // The preview never shows the whole key.
    for (const finding of findings) expect(Object.values(KEYS)).not.toContain(finding.preview);
  });

  it("catches a secret-named field, but not placeholders or ordinary text", () => {
    expect(findSecrets({ metadata: { api_key: "0123456789abcdef" } })).toEqual([
      { path: "metadata.api_key", kind: 'value of "api_key"', preview: maskSecret("0123456789abcdef") },
    ]);
    expect(findSecrets({ metadata: { api_key: "$OPENAI_API_KEY", token: "<your token here>" } })).toEqual([]);
    expect(
      findSecrets({
        llm_configuration: { messages: [{ role: "user", content: "ask-me about sk-short and skills, task-list" }] },
      }),
    ).toEqual([]);
  });

  it("reports a Bearer header once, whatever it holds", () => {
    const findings = findSecrets({ content: `curl -H "Authorization: Bearer ${KEYS.openai}"` });
    expect(findings).toHaveLength(1);
  });
});
