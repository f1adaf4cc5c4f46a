import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ensureSdkEnv, runSdkScript } from "../sdk/env";
import { UPSTREAM } from "./support";

/**
 * Parea's own Python SDK (vendored, unchanged) as the client of the platform API: tracing, feedback, datasets,
 * experiments. Runs on the SQLite app (api) and again on the PostgreSQL one (api-postgres).
 */
const API_KEY = "e2e-parea-sdk-key";
test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(400_000);
  await ensureSdkEnv();
});

function sdk(name: string, baseURL: string | undefined) {
  return runSdkScript(name, {
    PAREA_BASE_URL: `${baseURL}/api/parea/v1`,
    PAREA_API_KEY: API_KEY,
    OPENAI_BASE_URL: `${UPSTREAM}/v1`,
    RUN_ID: randomUUID().slice(0, 8),
  });
}

async function appLogs(baseURL: string | undefined, query: string) {
  const response = await fetch(`${baseURL}/api/logs?${query}`, { headers: { "x-api-key": API_KEY } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Record<string, unknown>[] }).items;
}

test("a traced pipeline with a wrapped OpenAI client reads back as a tree, filters, and takes feedback", async ({
  baseURL,
}) => {
  const { result, stderr } = await sdk("traced_pipeline", baseURL);
  expect(stderr).not.toContain("RetryError");
  expect(result.output).toEqual({ answer: expect.stringContaining("hello") });
  expect(result.tree).toEqual({
    name: "pipeline",
    depth: 0,
    children: [
      {
        name: "ask",
        depth: 1,
        children: [{ name: "llm-openai", depth: 2, children: [] }],
      },
      { name: "is_answered", depth: 1, children: [] },
    ],
  });
  expect(result.llm_model).toBe("gpt-4o-mini");
  expect(result.llm_tokens).toBeGreaterThan(0);
  // The SDK posts the root with zeros; the server rolls its descendants up.
  expect(result.root_tokens).toBe(result.llm_tokens);
  expect(result.root_cost).toBeGreaterThan(0);
  expect(result.scores).toEqual([["is_answered", 1]]);
  expect(result.ask_inputs).toEqual({ question: "hello" });
  expect(result.ask_metadata).toEqual({ k: "1" });
  expect(result.ask_session).toBe("s1");
  expect(result.target).toBe("echo");
  expect(result.feedback_score).toBe(0.7);
  expect(result.by_name).toEqual([result.root]);
  expect(result.by_feedback).toEqual([result.root]);
  expect(result.by_tag).toEqual([]); // tags sit on `ask`, and get_trace_logs lists top-level traces
  expect(result.errors).toEqual([["broken", expect.stringContaining("ValueError: boom 1")]]);
  expect(result.total).toBe(2);
  expect(result.total_pages).toBe(2);
  expect(result.page_size).toBe(1);

  // The app's own logs API shows the same trace: one kind of row, tree, tokens rolled up, feedback.
  const trace = await appLogs(baseURL, `root_trace_id=${result.root}`);
  expect(trace.map((log) => log.trace_name).sort()).toEqual(["ask", "is_answered", "llm-openai", "pipeline"]);
  const root = trace.find((log) => log.trace_id === result.root)!;
  expect(root).toMatchObject({ source: "sdk", parent_trace_id: null, feedback_score: 0.7, depth: 0 });
  expect(root.total_tokens).toBe(result.llm_tokens);
  const detail = await (
    await fetch(`${baseURL}/api/logs/${result.root}`, { headers: { "x-api-key": API_KEY } })
  ).json();
  expect(detail.feedback).toEqual({ score: 0.7, name: "thumbs", comment: "ok" });
});

test("datasets: create, append, fetch by name, update a test case, fetch by id", async ({ baseURL }) => {
  const { result } = await sdk("datasets", baseURL);
  expect(result.columns).toEqual(["extra", "q"]);
  expect(result.count).toBe(3);
  expect(result.keys_are_ids).toBe(true);
  expect(result.cases).toEqual([
    [{ q: "x" }, "new", ["z"]],
    [{ q: "z", extra: '{"a": 1}' }, null, ["a"]],
    [{ q: "y" }, null, ["t", "3"]],
  ]);
  expect(result.collection_ids).toEqual([result.id]);
});

test("an experiment over a dataset: evals, dataset-level evals, stats, list, trace logs; run_name unique", async ({
  baseURL,
}) => {
  const { result, stdout } = await sdk("experiment_dataset", baseURL);
  expect(stdout).not.toContain("Error running experiment");
  expect(result.finished).toBe(true);
  expect(result.samples).toBe(2);
  for (const entry of result.stats as { tokens: number; cost: number; scores: unknown[] }[]) {
    expect(entry.tokens).toBeGreaterThan(0);
    expect(entry.cost).toBeGreaterThan(0);
    expect(entry.scores).toHaveLength(2);
  }
  expect(result.avg_scores).toMatchObject({ has_output: 1 });
  expect(result.listed).toEqual([
    [expect.stringContaining("Exp "), "run-1", "completed", 2, { m: "v", Dataset: expect.any(String) }],
  ]);
  expect(result.one).toEqual([true, "completed"]);
  // The samples run concurrently: their order is not fixed.
  expect(result.trace_logs).toHaveLength(2);
  expect(result.trace_logs).toEqual(
    expect.arrayContaining([
      ["ask", 3, true, "echo: hi"],
      ["ask", 3, true, '{"x": 1}'],
    ]),
  );
  expect(result.duplicate_status).toBe(409);
  expect(String(result.duplicate_detail)).toContain("run_name must be unique");
});

test("experiments over local data: n_trials=2 with run(), and arun() with trace_insert", async ({ baseURL }) => {
  const { result, stdout } = await sdk("experiment_local", baseURL);
  expect(stdout).not.toContain("Error running experiment");
  expect(result.local_samples).toBe(4);
  expect(result.local_scores).toEqual([0, 0, 1, 1]);
  expect(result.local_run_name).toMatch(/^\w+-\w+$/);
  expect(result.async_status).toBe("completed");
  expect(result.async_traces).toEqual([
    ["async-ask", "sess", "[1, 2]", ["x"]],
    ["async-ask", "sess", "[1, 2]", ["x"]],
  ]);
});

test("ordering: a PUT before its POST, the same trace twice, children before parents", async ({ baseURL }) => {
  const { result } = await sdk("ordering", baseURL);
  expect(result.early).toEqual(["Hi Max", [["ab", 1]]]);
  expect(result.twice).toBe("twice");
  expect(result.tree).toEqual({
    name: "root",
    depth: 0,
    children: [{ name: "child", depth: 1, children: [{ name: "grandchild", depth: 2, children: [] }] }],
  });
  expect(result.root_children).toEqual(result.expected_children);
  const twice = await appLogs(baseURL, `root_trace_id=${result.twice_id}`);
  expect(twice).toHaveLength(1);
});

test("8 threads x 50 traced calls: every span stored, every tree intact", async ({ baseURL }) => {
  const { result } = await sdk("concurrency", baseURL);
  expect(result).toEqual({ roots: 400, total: 400, intact: 400 });
});

test("a /completion run inside a traced function is its child", async ({ baseURL }, testInfo) => {
  // The PostgreSQL app runs with LOG_RUNS=0 (completion runs are not logged there).
  test.skip(testInfo.project.name !== "api", "completion runs are logged on the SQLite app only");
  const key = await fetch(`${baseURL}/api/keys/openai`, {
    method: "PUT",
    headers: { "x-api-key": API_KEY, "content-type": "application/json" },
    body: JSON.stringify({ key: "sk-test-saved-for-sdk" }),
  });
  expect(key.status).toBe(200);
  const { result } = await sdk("completion_child", baseURL);
  expect(result.tree).toMatchObject({ name: "answer", depth: 0, children: [{ depth: 1, children: [] }] });
  expect(result.root_tokens).toBeGreaterThan(0);
});
