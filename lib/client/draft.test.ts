import { describe, expect, it } from "vitest";
import { completionRequestSchema } from "@/lib/schema/completion-request";
import { defaultDraft, draftToJson, publicDraft, sameDraft } from "./draft";

describe("the draft", () => {
  it("opens on the local model, which needs no key, and is a valid request", () => {
    const draft = defaultDraft();
    expect(draft.llm_configuration).toMatchObject({ provider: "local", model: "stories260K.gguf" });
    expect(completionRequestSchema.safeParse(draft).success).toBe(true);
  });

  it("never carries the key, nor an empty function list", () => {
    const value = { ...defaultDraft(), provider_api_key: "sk-secret", llm_configuration: { functions: [] } };
    expect(publicDraft(value)).not.toHaveProperty("provider_api_key");
    expect(draftToJson(value)).not.toContain("sk-secret");
    expect(publicDraft(value).llm_configuration).not.toHaveProperty("functions");
  });

  it("compares by meaning, not key order or undefined members", () => {
    expect(sameDraft({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1, d: undefined })).toBe(true);
    expect(sameDraft({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameDraft({ a: 1 }, { a: 1, provider_api_key: "sk" })).toBe(true);
  });
});
