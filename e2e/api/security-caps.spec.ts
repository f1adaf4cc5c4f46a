import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { COMPLETION_PATH, openaiBody, type RecordedRequest, upstreamRequests } from "./support";

/** Issue 9, point 12: fallbacks and judge metrics are bounded, and judge calls are logged child runs with a cost. */

const forModels = (requests: RecordedRequest[], models: string[]) =>
  requests.filter((recorded) => models.includes(String(recorded.body?.model)));

test.describe("fallback_strategy is bounded", () => {
  test("more than 5 fallback models is a 422 on fallback_strategy, and nothing goes upstream", async ({ request }) => {
    const tag = randomUUID().slice(0, 8);
    const models = Array.from({ length: 7 }, (_, index) => `fb-${tag}-${index}`);
    const response = await request.post(COMPLETION_PATH, {
      data: openaiBody(models[0] as string, { fallback_strategy: models.slice(1), retry: true }),
    });
    expect(response.status()).toBe(422);
    expect((await response.json()).detail).toEqual([
      { loc: ["body", "fallback_strategy"], msg: "at most 5 fallback models", type: "too_big" },
    ]);
    expect(forModels(await upstreamRequests(), models)).toEqual([]);
  });

  test("5 failing fallbacks with retry make at most 10 upstream calls in all", async ({ request }) => {
    test.setTimeout(90_000);
    const tag = randomUUID().slice(0, 8);
    const models = Array.from({ length: 6 }, (_, index) => `fb-${tag}-${index}-error-503`);
    const response = await request.post(COMPLETION_PATH, {
      timeout: 80_000,
      data: openaiBody(models[0] as string, { fallback_strategy: models.slice(1), retry: true }),
    });
    expect(response.status()).toBeGreaterThanOrEqual(500);
    const calls = forModels(await upstreamRequests(), models);
    expect(calls).toHaveLength(10);
    // Three tries each for the first three models, one for the fourth; the budget is spent then.
    expect(calls.map((call) => call.body.model)).toEqual([
      ...Array(3).fill(models[0]),
      ...Array(3).fill(models[1]),
      ...Array(3).fill(models[2]),
      models[3],
    ]);
  });

  test("a model named twice is tried once", async ({ request }) => {
    const model = `fb-${randomUUID().slice(0, 8)}-error-500`;
    const response = await request.post(COMPLETION_PATH, {
      data: openaiBody(model, { fallback_strategy: [model, model] }),
    });
    expect(response.status()).toBeGreaterThanOrEqual(500);
    expect(forModels(await upstreamRequests(), [model])).toHaveLength(1);
  });
});

async function createJudge(request: APIRequestContext, name: string) {
  const response = await request.post("/api/eval-metrics", {
    data: { name, kind: "llm_judge", config: { provider: "openai", model: "gpt-4o-mini", rubric: `rubric ${name}` } },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** Judge calls of one run: their prompt holds the run's output, which echoes the run's unique user message. */
const judgeCalls = (requests: RecordedRequest[], marker: string) =>
  requests.filter((recorded) => JSON.stringify(recorded.body?.messages ?? []).includes(`rubric ${marker}`));

test.describe("LLM-judge metrics are bounded and accounted for", () => {
  test("a fourth judge metric is a 422 on eval_metric_ids; nothing goes upstream", async ({ request }) => {
    const tag = randomUUID().slice(0, 8);
    const ids = [];
    for (let index = 0; index < 4; index++) ids.push(await createJudge(request, `${tag}-${index}`));
    const model = `judge-cap-${tag}`;
    const response = await request.post(COMPLETION_PATH, { data: openaiBody(model, { eval_metric_ids: ids }) });
    expect(response.status()).toBe(422);
    expect((await response.json()).detail).toEqual([
      {
        loc: ["body", "eval_metric_ids"],
        msg: expect.stringContaining("at most 3 llm_judge metrics per run"),
        type: "too_big",
      },
    ]);
    expect(forModels(await upstreamRequests(), [model])).toEqual([]);
  });

  test("each judge call is a child run of the scored run, with its tokens and cost; eval_cost sums them", async ({
    request,
  }) => {
    const tag = randomUUID().slice(0, 8);
    const ids = [];
    for (let index = 0; index < 3; index++) ids.push(await createJudge(request, `${tag}-${index}`));
    const traceId = `judged-${tag}`;
    const response = await request.post(COMPLETION_PATH, {
      // Duplicate ids are one metric: three judge calls, not five.
      data: openaiBody(`judged-run-${tag}`, { trace_id: traceId, eval_metric_ids: [...ids, ids[0], ids[1]] }),
    });
    expect(response.status()).toBe(200);
    const body = await response.json();
    const requests = await upstreamRequests();
    const calls = ids.map((_, index) => judgeCalls(requests, `${tag}-${index}`));
    expect(calls.map((matching) => matching.length)).toEqual([1, 1, 1]);

    let log: { children: Record<string, unknown>[]; cost: number } | undefined;
    await expect
      .poll(async () => {
        const read = await request.get(`/api/logs/${traceId}`);
        log = read.ok() ? await read.json() : undefined;
        return log?.children.length;
      })
      .toBe(3);
    const children = log?.children ?? [];
    for (const child of children) {
      expect(child).toMatchObject({
        parent_trace_id: traceId,
        root_trace_id: traceId,
        provider: "openai",
        model: "gpt-4o-mini",
        trace_name: "eval judge",
        status: "success",
      });
      expect(child.trace_id).not.toBe(traceId);
      expect(child.input_tokens as number).toBeGreaterThan(0);
      expect(child.cost as number).toBeGreaterThan(0);
    }
    const childCost = children.reduce((sum, child) => sum + (child.cost as number), 0);
    expect(body.eval_cost).toBeCloseTo(childCost, 9);
    expect(body.eval_cost).toBeGreaterThan(0);
    // The run's own cost stays its own (log totals count each judge call once, on its child row).
    expect(log?.cost).toBe(body.cost);
  });
});
