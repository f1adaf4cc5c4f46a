import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { STREAM_PATH } from "./support";

/**
 * Thousands of random and mutated bodies: the answer is never a 5xx and always JSON (or a stream that starts with
 * ID_START). Valid-looking bodies carry a model the test upstream answers instantly.
 */
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const mutation = fc.record(
  {
    path: fc.constantFrom(
      "llm_configuration",
      "llm_configuration.provider",
      "llm_configuration.model",
      "llm_configuration.messages",
      "llm_configuration.model_params",
      "llm_configuration.model_params.temp",
      "llm_configuration.model_params.max_length",
      "llm_configuration.model_params.response_format",
      "llm_configuration.functions",
      "llm_configuration.function_call",
      "llm_inputs",
      "inputs",
      "metadata",
      "tags",
      "log_sample_rate",
      "cache",
      "trace_id",
      "provider_api_key",
      "eval_metric_ids",
      "fallback_strategy",
    ),
    value: jsonValue,
  },
  { requiredKeys: ["path", "value"] },
);

function mutate(base: Record<string, unknown>, path: string, value: unknown) {
  const copy = structuredClone(base);
  const keys = path.split(".");
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys.at(-1)!] = value;
  return copy;
}

const base = {
  ...SEED_REQUEST,
  provider_api_key: "sk-fuzz-0000000000",
  llm_configuration: { ...SEED_REQUEST.llm_configuration, model: "bench-3" },
};

const bodies = fc.oneof(
  { weight: 1, arbitrary: jsonValue.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  {
    weight: 4,
    arbitrary: fc
      .array(mutation, { minLength: 1, maxLength: 4 })
      .map((mutations) =>
        JSON.stringify(
          mutations.reduce<Record<string, unknown>>((body, { path, value }) => mutate(body, path, value), base),
        ),
      ),
  },
);

test("10,000 fuzzed bodies: never a 5xx, always a JSON error or a Parea stream", async ({ baseURL }) => {
  test.setTimeout(240_000);
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(bodies, async (body) => {
      const response = await fetch(`${baseURL}${STREAM_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500 && response.status !== 502 && response.status !== 504) return false;
      if (response.status === 200) return text.startsWith("data: ID_START");
      const json = JSON.parse(text) as { error?: { type?: string } };
      // 502/504 are upstream outcomes (e.g. a fuzzed base_url that refuses), never a crash of ours.
      if (response.status >= 500) return json.error?.type?.startsWith("upstream") === true;
      return typeof json.error?.type === "string";
    }),
    { numRuns: NUM_RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261125) },
  );
  console.log(`fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(statuses.size).toBeGreaterThan(2);
});
