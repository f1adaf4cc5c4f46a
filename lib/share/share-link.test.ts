import { describe, expect, it } from "vitest";
import { defaultDraft } from "@/lib/client/draft";
import { completionRequestSchema } from "@/lib/schema/completion-request";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { decodeRequestFragment, encodeRequestFragment } from "./request-link";
import { decodeShareFragment, encodeShareFragment, isShareFragment, SHARE_VERSION } from "./share-link";

const FULL_REQUEST = {
  llm_inputs: { city: "Paris", n: 3 },
  llm_configuration: {
    provider: "anthropic",
    model: "claude-sonnet-4-20250514",
    messages: [
      { role: "system", content: "Answer in {{n}} words. Ünïcödé ✓ 日本語" },
      { role: "example_user", content: "Rome?" },
      { role: "example_assistant", content: "Sunny" },
      { role: "user", content: "Weather in {{city}}? 'quotes' \"double\" & #hash %20" },
    ],
    functions: [{ name: "get_weather", description: "d", parameters: { type: "object", properties: {} } }],
    function_call: { name: "get_weather" },
    model_params: {
      temp: 0.3,
      max_length: 300,
      stop: ["###"],
      response_format: { type: "json_schema", json_schema: { name: "w", schema: { type: "object" } } },
    },
  },
  tags: ["a", "b"],
  metadata: { purpose: "test", nested: { x: [1, null, true] } },
  project_name: "shared",
  trace_name: "t",
  target: "sunny",
  end_user_identifier: "u@example.com",
  cache: false,
  log_omit_inputs: true,
  log_sample_rate: 0.5,
};

describe("request links", () => {
  it("round-trip a request with every kind of field, exactly", () => {
    const { fragment, dropped } = encodeRequestFragment(FULL_REQUEST);
    expect(dropped).toEqual([]);
    expect(fragment).toMatch(new RegExp(`^r${SHARE_VERSION}=[A-Za-z0-9+$-]+$`));
    const decoded = decodeRequestFragment(`#${fragment}`);
    expect(decoded).toEqual({ ok: true, value: FULL_REQUEST });
    expect(decodeRequestFragment(encodeRequestFragment(defaultDraft()).fragment)).toEqual({
      ok: true,
      value: defaultDraft(),
    });
  });

  it("never carries a key nor the ids of a run, and says what it left out", () => {
    const withSecrets = {
      ...SEED_REQUEST,
      provider_api_key: "sk-never-travels-01",
      trace_id: "t1",
      x_custom: 1,
    };
    const { fragment, dropped } = encodeRequestFragment(withSecrets);
    expect(dropped).toEqual(
      expect.arrayContaining(["provider_api_key", "trace_id", "x_custom", "llm_configuration.model_params.model"]),
    );
    const decoded = decodeRequestFragment(fragment);
    expect(decoded.ok && JSON.stringify(decoded.value)).not.toContain("should-never-travel");
  });

  it("strips a key that a hand-made link carries", () => {
    const forged = encodeShareFragment("request", { ...SEED_REQUEST, provider_api_key: "sk-forged-0123" });
    const decoded = decodeRequestFragment(forged);
    expect(decoded.ok).toBe(true);
    expect(decoded.ok && decoded.value).not.toHaveProperty("provider_api_key");
  });

  it("reports a tampered, truncated or garbled link instead of throwing", () => {
    const { fragment } = encodeRequestFragment(FULL_REQUEST);
    const payloadStart = fragment.indexOf("=") + 1;
    const variants = [
      fragment.slice(0, Math.floor(fragment.length * 0.6)),
      `${fragment.slice(0, payloadStart + 20)}${fragment[payloadStart + 20] === "A" ? "B" : "A"}${fragment.slice(payloadStart + 21)}`,
      "r1=",
      "r1=%%%not-lz",
      "r1=AAAAAAAAAA",
    ];
    for (const variant of variants) {
      const decoded = decodeRequestFragment(variant);
      expect(decoded.ok, variant.slice(0, 40)).toBe(false);
      expect(!decoded.ok && decoded.reason).toBe("corrupt");
    }
    // Flip every character of the payload in turn: never a throw, never a different request.
    for (let index = payloadStart; index < fragment.length; index += 7) {
      const flipped = `${fragment.slice(0, index)}${fragment[index] === "x" ? "y" : "x"}${fragment.slice(index + 1)}`;
      const decoded = decodeRequestFragment(flipped);
      if (decoded.ok) expect(decoded.value).toEqual(FULL_REQUEST);
    }
  });

  it("checks the data against the request schema", () => {
    const invalid = encodeShareFragment("request", { llm_configuration: { model_params: { temp: 9 } } });
    const decoded = decodeRequestFragment(invalid);
    expect(decoded).toMatchObject({ ok: false, reason: "invalid" });
    expect(!decoded.ok && decoded.message).toContain("llm_configuration.model_params.temp");
  });

  it("tells a newer version, another kind and a plain anchor apart", () => {
    const { fragment } = encodeRequestFragment(SEED_REQUEST);
    expect(decodeRequestFragment(fragment.replace(/^r1=/, "r2="))).toMatchObject({ reason: "newer-version" });
    expect(decodeRequestFragment(fragment.replace(/^r1=/, "c1="))).toMatchObject({ reason: "wrong-kind" });
    expect(decodeRequestFragment("#section-2")).toMatchObject({ reason: "not-a-share-link" });
    expect(isShareFragment("#section-2")).toBe(false);
    expect(isShareFragment(`#${fragment}`)).toBe(true);
    expect(decodeShareFragment(fragment, "request", completionRequestSchema).ok).toBe(true);
  });
});
