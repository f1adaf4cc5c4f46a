import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { startAppInstance } from "./app-instance";

/**
 * The platform routes at the HTTP level (both dialects): field paths in 422s, JSON 404s for unknown ids, 413 for
 * batch limits, no redirects, and fuzzed bodies that never get a 5xx.
 */
const V1 = "/api/parea/v1";
const headers = { "content-type": "application/json", "x-api-key": "e2e-platform" };

async function send(baseURL: string | undefined, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseURL}${V1}${path}`, {
    method,
    headers,
    redirect: "manual",
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null, text };
}

function traceLog(overrides: Record<string, unknown> = {}) {
  const id = randomUUID();
  return {
    trace_id: id,
    parent_trace_id: id,
    root_trace_id: id,
    start_timestamp: new Date().toISOString(),
    trace_name: "fuzz",
    inputs: { a: 1 },
    output: "x",
    scores: [{ name: "s", score: 0.5, reason: null }],
    children: [],
    tags: ["t"],
    metadata: { k: "1" },
    comments: null,
    annotations: null,
    configuration: { model: null, messages: null },
    depth: 0,
    execution_order: 0,
    ...overrides,
  };
}

test("bad bodies are 422s with FastAPI field paths", async ({ baseURL }) => {
  const bad = await send(
    baseURL,
    "POST",
    "/trace_log",
    traceLog({ trace_id: "has spaces/and slashes", latency: "slow" }),
  );
  expect(bad.status).toBe(422);
  const locs = (bad.json.detail as { loc: unknown[] }[]).map((issue) => issue.loc);
  expect(locs).toEqual(
    expect.arrayContaining([
      ["body", "trace_id"],
      ["body", "latency"],
    ]),
  );
  const score = await send(baseURL, "POST", "/feedback", { trace_id: randomUUID(), score: 3 });
  expect(score.status).toBe(422);
  expect(score.json.detail[0].loc).toEqual(["body", "score"]);
  const operator = await send(baseURL, "POST", "/get_trace_logs", { project_name: "p", filter_operator: "nearly" });
  expect(operator.json.detail[0].loc).toEqual(["body", "filter_operator"]);
  const field = await send(baseURL, "POST", "/get_trace_logs", {
    project_name: "p",
    filter_field: "no_such_field",
    filter_operator: "equals",
    filter_value: "x",
  });
  expect(field.status).toBe(422);
  expect(field.json.detail[0].loc).toEqual(["body", "filter_field"]);
  const numeric = await send(baseURL, "POST", "/get_trace_logs", {
    project_name: "p",
    filter_field: "latency",
    filter_operator: "greater_than",
    filter_value: "fast",
  });
  expect(numeric.status).toBe(422);
  const malformed = await send(baseURL, "POST", "/experiment", "{not json");
  expect(malformed.status).toBe(400);
});

test("unknown ids are JSON 404s, never a redirect", async ({ baseURL }) => {
  for (const [method, path, body] of [
    ["GET", `/trace_log/${randomUUID()}`, undefined],
    ["GET", "/collection/no-such-dataset", undefined],
    ["GET", "/collection/987654", undefined],
    ["GET", `/experiment/${randomUUID()}/stats`, undefined],
    ["POST", `/experiment/${randomUUID()}/finished`, { status: "completed", dataset_level_stats: [] }],
    ["POST", `/experiment/${randomUUID()}/trace_logs`, {}],
    ["POST", "/update_test_case/987654/1", { inputs: null, target: "x", tags: null }],
    ["POST", "/testcases", { id: null, name: "no-such-dataset", test_cases: [] }],
    ["POST", "/trace_log/not-a-vendor", { id: randomUUID() }],
  ] as const) {
    const response = await send(baseURL, method, path, body);
    expect(response.status, `${method} ${path}`).toBe(404);
    expect(typeof response.json.detail).toBe("string");
  }
});

test("batch limits are 413s; duplicates are 409s", async ({ baseURL }) => {
  const cases = Array.from({ length: 10_001 }, () => ({ inputs: { q: "x" }, target: null, tags: [] }));
  const many = await send(baseURL, "POST", "/collection", { id: null, name: `big-${randomUUID()}`, test_cases: cases });
  expect(many.status).toBe(413);
  const children = Array.from({ length: 10_001 }, (_, index) => `c${index}`);
  expect((await send(baseURL, "POST", "/trace_log", traceLog({ children }))).status).toBe(413);
  const name = `dup-${randomUUID()}`;
  expect((await send(baseURL, "POST", "/collection", { id: null, name, test_cases: [] })).status).toBe(200);
  const again = await send(baseURL, "POST", "/collection", { id: null, name, test_cases: [] });
  expect(again.status).toBe(409);
  expect(again.json.detail).toContain("already exists");
});

test("log_sample_rate keeps or drops whole traces; a LangChain run becomes a tree", async ({ baseURL }) => {
  const dropped = traceLog({ log_sample_rate: 0 });
  expect((await send(baseURL, "POST", "/trace_log", dropped)).json.stored).toBe(false);
  expect((await send(baseURL, "GET", `/trace_log/${dropped.trace_id}`)).status).toBe(404);
  const parent = randomUUID();
  const run = randomUUID();
  const llm = randomUUID();
  await send(
    baseURL,
    "POST",
    "/trace_log",
    traceLog({ trace_id: parent, parent_trace_id: parent, root_trace_id: parent, children: [run] }),
  );
  const langchain = await send(baseURL, "POST", "/trace_log/langchain", {
    id: run,
    name: "RunnableSequence",
    run_type: "chain",
    start_time: "2026-12-01T10:00:00.000000",
    end_time: "2026-12-01T10:00:01.500000",
    inputs: { question: "hi" },
    outputs: { output: "hello" },
    error: null,
    parent_run_id: null,
    tags: [],
    child_runs: [
      {
        id: llm,
        name: "ChatOpenAI",
        run_type: "llm",
        start_time: "2026-12-01T10:00:00.100000",
        end_time: "2026-12-01T10:00:01.400000",
        inputs: { messages: [] },
        outputs: { llm_output: { token_usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } } },
        extra: { invocation_params: { model_name: "gpt-4o-mini" } },
        child_runs: [],
      },
    ],
    _parea_root_trace_id: parent,
    _parea_parent_trace_id: parent,
    _tags: ["lc"],
    _metadata: { m: "1" },
  });
  expect(langchain.status).toBe(200);
  const tree = (await send(baseURL, "GET", `/trace_log/${parent}`)).json;
  expect(tree.children_logs[0]).toMatchObject({
    trace_id: run,
    trace_name: "RunnableSequence",
    latency: 1.5,
    tags: ["lc"],
  });
  expect(tree.children_logs[0].children_logs[0]).toMatchObject({ trace_id: llm, total_tokens: 8 });
  expect(tree.total_tokens).toBe(8);
  // Nulls the SDK cannot structure never come back.
  expect(tree).toMatchObject({
    comments: [],
    annotations: {},
    images: [],
    configuration: { messages: [], model_params: {} },
  });
});

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const ROUTES: { method: string; path: () => string; base: () => Record<string, unknown> }[] = [
  { method: "POST", path: () => "/trace_log", base: () => traceLog() },
  {
    method: "PUT",
    path: () => "/trace_log",
    base: () => ({ trace_id: randomUUID(), field_name_to_value_map: { output: "x" } }),
  },
  { method: "POST", path: () => "/trace_log/langchain", base: () => ({ id: randomUUID(), name: "x", child_runs: [] }) },
  {
    method: "POST",
    path: () => "/feedback",
    base: () => ({ trace_id: randomUUID(), score: 0.5, name: null, comment: null }),
  },
  {
    method: "POST",
    path: () => "/get_trace_logs",
    base: () => ({
      project_name: "fuzz",
      page: 1,
      page_size: 5,
      time_range: "na",
      filter_field: "trace_name",
      filter_operator: "equals",
      filter_value: "x",
    }),
  },
  {
    method: "POST",
    path: () => "/collection",
    base: () => ({
      id: null,
      name: `fz-${randomUUID()}`,
      test_cases: [{ inputs: { q: "x" }, target: null, tags: [] }],
      column_names: ["q"],
    }),
  },
  { method: "POST", path: () => "/testcases", base: () => ({ id: null, name: "fuzz-none", test_cases: [] }) },
  { method: "POST", path: () => "/update_test_case/1/1", base: () => ({ inputs: null, target: "x", tags: null }) },
  {
    method: "POST",
    path: () => "/experiment",
    base: () => ({ name: "fuzz", run_name: randomUUID(), metadata: null, project_uuid: "" }),
  },
  { method: "POST", path: () => "/experiments", base: () => ({ project_name: null, experiment_uuids: null }) },
  {
    method: "POST",
    path: () => `/experiment/${randomUUID()}/finished`,
    base: () => ({ status: "completed", dataset_level_stats: [] }),
  },
];

test("fuzzed bodies on every platform route: never a 5xx, always JSON", async ({ baseURL }) => {
  test.setTimeout(240_000);
  const statuses = new Map<number, number>();
  const case_ = fc.record({
    route: fc.integer({ min: 0, max: ROUTES.length - 1 }),
    mutations: fc.array(
      fc.record({
        key: fc.oneof(
          fc.constantFrom(
            "trace_id",
            "scores",
            "inputs",
            "metadata",
            "tags",
            "children",
            "test_cases",
            "name",
            "score",
            "filter_field",
            "filter_operator",
            "filter_value",
            "page",
            "page_size",
            "field_name_to_value_map",
            "status",
            "child_runs",
            "latency",
            "target",
          ),
          fc.string({ maxLength: 10 }),
        ),
        value: jsonValue,
      }),
      { maxLength: 3 },
    ),
    raw: fc.oneof({ weight: 1, arbitrary: fc.string({ maxLength: 100 }) }, { weight: 6, arbitrary: fc.constant(null) }),
  });
  await fc.assert(
    fc.asyncProperty(case_, async ({ route, mutations, raw }) => {
      const spec = ROUTES[route]!;
      const body =
        raw ?? JSON.stringify(Object.assign(spec.base(), ...mutations.map(({ key, value }) => ({ [key]: value }))));
      const response = await send(baseURL, spec.method, spec.path(), body).catch(() => ({
        status: 599,
        json: null,
        text: "",
      }));
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      return response.status < 500 && response.json !== null && response.status !== 599;
    }),
    { numRuns: Number(process.env.FUZZ_RUNS_PLATFORM ?? 1500), seed: 20261201 },
  );
  console.log(`platform fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(statuses.size).toBeGreaterThan(2);
});

test("two instances on one PostgreSQL see the same traces, datasets and experiments", async ({ baseURL }) => {
  test.skip(test.info().project.name !== "api-postgres", "scale-out needs the PostgreSQL app");
  test.setTimeout(120_000);
  const second = await startAppInstance({ DATABASE_URL: process.env.E2E_PG_URL ?? "", LOCAL_PREWARM: "0" });
  try {
    const span = traceLog();
    // The update reaches the second instance first; the span then arrives at the first.
    await send(second.url, "PUT", "/trace_log", { trace_id: span.trace_id, field_name_to_value_map: { target: "t" } });
    await send(baseURL, "POST", "/trace_log", span);
    expect((await send(second.url, "GET", `/trace_log/${span.trace_id}`)).json).toMatchObject({ target: "t" });
    const name = `shared-${randomUUID()}`;
    await send(baseURL, "POST", "/collection", {
      id: null,
      name,
      test_cases: [{ inputs: { q: "x" }, target: null, tags: [] }],
    });
    expect((await send(second.url, "GET", `/collection/${name}`)).json).toMatchObject({ name, column_names: ["q"] });
    const experiment = (
      await send(second.url, "POST", "/experiment", { name, run_name: "r", metadata: null, project_uuid: "" })
    ).json;
    const listed = (await send(baseURL, "POST", "/experiments", { experiment_uuids: [experiment.uuid] })).json;
    expect(listed).toMatchObject([{ uuid: experiment.uuid, run_name: "r", status: "running" }]);
  } finally {
    await second.stop();
  }
});

test("a store that fails is reported (503 JSON naming the operation), never a silent 2xx", async () => {
  test.skip(test.info().project.name !== "api", "one run is enough");
  test.setTimeout(120_000);
  const broken = await startAppInstance({
    DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
    LOCAL_PREWARM: "0",
  });
  try {
    const response = await send(broken.url, "POST", "/trace_log", traceLog());
    expect(response.status).toBe(503);
    expect(response.json.detail).toContain("POST /trace_log");
    expect(broken.output()).toContain("[platform] POST /trace_log failed in the store");
  } finally {
    await broken.stop();
  }
});
