import { describe, expect, it } from "vitest";
import { checkRequestJson } from "./request-json";

describe("checkRequestJson", () => {
  it("accepts a valid request and keeps unknown fields", () => {
    const check = checkRequestJson('{"llm_configuration": {"provider": "openai"}, "x_custom": 1}');
    expect(check.ok && check.value.x_custom).toBe(1);
  });

  it("reports syntax errors (Monaco underlines them itself)", () => {
    const check = checkRequestJson('{"a": }');
    expect(check.ok).toBe(false);
    expect(check.problems[0]?.message).toMatch(/Invalid JSON/);
  });

  it("reports schema errors by path", () => {
    const check = checkRequestJson('{"llm_configuration": {"model_params": {"temp": 7}}}');
    expect(check.ok).toBe(false);
    expect(check.problems[0]?.path).toEqual(["llm_configuration", "model_params", "temp"]);
  });

  it("refuses a key typed into the JSON", () => {
    const check = checkRequestJson('{"provider_api_key": "sk-x"}');
    expect(check.ok).toBe(true);
    expect(check.ok && "provider_api_key" in check.value).toBe(false);
    expect(check.problems[0]?.severity).toBe("warning");
  });
});
