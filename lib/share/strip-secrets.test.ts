import { describe, expect, it } from "vitest";
import { isSecretName, stripSecrets } from "./strip-secrets";

describe("stripSecrets", () => {
  it("drops secret-named fields at any depth, whatever their case or separator", () => {
    const dropped: string[] = [];
    const clean = stripSecrets(
      {
        provider_api_key: "sk-top",
        llm_configuration: {
          model: "m",
          headers: { Authorization: "Bearer sk-nested", "X-Api-Key": "k", Accept: "json" },
          model_params: { temp: 0.2, apiKey: "k2", max_tokens: 10 },
        },
        metadata: { deep: [{ api_key: "k3", note: "keep" }, { password: "hunter2" }], client_secret: "s" },
        functions: [{ name: "login", config: { ACCESS_TOKEN: "t" } }],
      },
      dropped,
    );
    expect(clean).toEqual({
      llm_configuration: {
        model: "m",
        headers: { Accept: "json" },
        model_params: { temp: 0.2, max_tokens: 10 },
      },
      metadata: { deep: [{ note: "keep" }, {}] },
      functions: [{ name: "login", config: {} }],
    });
    expect(dropped).toEqual([
      "provider_api_key",
      "llm_configuration.headers.Authorization",
      "llm_configuration.headers.X-Api-Key",
      "llm_configuration.model_params.apiKey",
      "metadata.deep[0].api_key",
      "metadata.deep[1].password",
      "metadata.client_secret",
      "functions[0].config.ACCESS_TOKEN",
    ]);
  });

  it("keeps a JSON Schema property named like a secret (an object describes a field, it holds no secret)", () => {
    const schema = { type: "object", properties: { password: { type: "string" }, token: { type: "string" } } };
    expect(stripSecrets({ parameters: schema })).toEqual({ parameters: schema });
  });

  it("names: the list and the suffixes, not lookalikes", () => {
    for (const name of [
      "Authorization",
      "api-key",
      "APIKEY",
      "x-api-key",
      "openai_api_key",
      "github_access_token",
      "Secret",
    ])
      expect(isSecretName(name), name).toBe(true);
    for (const name of ["max_tokens", "tokens", "model", "secretary", "author", "key", "monkey", "eos_token"])
      expect(isSecretName(name), name).toBe(false);
  });
});
