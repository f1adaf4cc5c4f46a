import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type TestInfo, test } from "@playwright/test";
import { type AppInstance, startAppInstance } from "./app-instance";
import { COMPLETION_PATH, openaiBody } from "./support";

/**
 * Who sees which logs (issue 9, point 16), on SQLite and on PostgreSQL (the api-postgres project reruns this on
 * the PostgreSQL database): with PLAYGROUND_API_KEYS set, each key is its own tenant unless SHARED_LOGS=1; in open
 * mode everyone is one tenant. Health without a key says only whether the server and its store are up.
 */
const ALICE = "alice-key-for-tests";
const BOB = "bob-key-for-tests";

function storeEnv(testInfo: TestInfo, dataDir: string): Record<string, string> {
  return testInfo.project.name === "api-postgres"
    ? { DATABASE_URL: process.env.E2E_PG_URL! }
    : { DATA_DIR: dataDir, DATABASE_URL: "" };
}

async function run(url: string, model: string, key: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${url}${COMPLETION_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key },
    body: JSON.stringify(openaiBody(model, extra)),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { inference_id: string }).inference_id;
}

async function logs(url: string, query: string, key?: string): Promise<{ trace_id: string; model: string }[]> {
  const response = await fetch(`${url}/api/logs?${query}`, { headers: key ? { "x-api-key": key } : {} });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { trace_id: string; model: string }[] }).items;
}

test.describe("with PLAYGROUND_API_KEYS", () => {
  let scoped: AppInstance;
  let shared: AppInstance;
  const unique = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    const testInfo = test.info();
    const dataDir = mkdtempSync(path.join(tmpdir(), "playground-tenancy-"));
    const env = { ...storeEnv(testInfo, dataDir), PLAYGROUND_API_KEYS: `${ALICE},${BOB}`, LOCAL_PREWARM: "0" };
    [scoped, shared] = await Promise.all([startAppInstance(env), startAppInstance({ ...env, SHARED_LOGS: "1" })]);
  });
  test.afterAll(async () => {
    await Promise.all([scoped?.stop(), shared?.stop()]);
  });

  test("Alice's logs are invisible to Bob: list, detail, stats, children; Bob cannot take over her trace id", async () => {
    const model = `tenancy-alice-${unique}`;
    const traceId = await run(scoped.url, model, ALICE);
    await expect.poll(async () => (await logs(scoped.url, `model=${model}`, ALICE)).length).toBe(1);

    expect(await logs(scoped.url, `model=${model}`, BOB)).toEqual([]);
    expect(await logs(scoped.url, `root_trace_id=${traceId}`, BOB)).toEqual([]);
    const detail = await fetch(`${scoped.url}/api/logs/${traceId}`, { headers: { "x-api-key": BOB } });
    expect(detail.status).toBe(404);
    const stats = await fetch(`${scoped.url}/api/logs/stats?model=${model}`, { headers: { "x-api-key": BOB } });
    expect(((await stats.json()) as { requests: number }[]).reduce((sum, point) => sum + point.requests, 0)).toBe(0);

    // Bob reuses Alice's trace id and hangs a child under it: her log stays hers, with no child of his.
    const bobModel = `tenancy-bob-${unique}`;
    await run(scoped.url, bobModel, BOB, { trace_id: traceId });
    await run(scoped.url, bobModel, BOB, { parent_trace_id: traceId, root_trace_id: traceId });
    await expect.poll(async () => (await logs(scoped.url, `model=${bobModel}`, BOB)).length).toBe(1);
    const own = await fetch(`${scoped.url}/api/logs/${traceId}`, { headers: { "x-api-key": ALICE } });
    const log = (await own.json()) as { model: string; children: unknown[]; identity?: unknown };
    expect(log.model).toBe(model);
    expect(log.children).toEqual([]);
    expect(log).not.toHaveProperty("identity");
    const aliceStats = await fetch(`${scoped.url}/api/logs/stats?model=${model}`, { headers: { "x-api-key": ALICE } });
    expect(((await aliceStats.json()) as { requests: number }[]).reduce((sum, p) => sum + p.requests, 0)).toBe(1);
  });

  test("Parea SDK spans are scoped the same way: Bob cannot read, list or overwrite Alice's trace", async () => {
    const traceId = `span-${unique}`;
    const span = (output: string) => ({
      trace_id: traceId,
      root_trace_id: traceId,
      trace_name: `tenancy-span-${unique}`,
      project_name: "default",
      output,
      start_timestamp: new Date().toISOString(),
      status: "success",
    });
    const post = (key: string, body: unknown) =>
      fetch(`${scoped.url}/api/parea/v1/trace_log`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key },
        body: JSON.stringify(body),
      });
    expect((await post(ALICE, span("alice's output"))).status).toBeLessThan(300);
    const read = (key: string) =>
      fetch(`${scoped.url}/api/parea/v1/trace_log/${traceId}`, { headers: { "x-api-key": key } });
    expect((await read(ALICE)).status).toBe(200);
    expect((await read(BOB)).status).toBe(404);
    const list = async (key: string) => {
      const response = await fetch(`${scoped.url}/api/parea/v1/get_trace_logs`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key },
        body: JSON.stringify({ project_name: "default", page_size: 100 }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { results: { trace_id: string }[] }).results.map((tree) => tree.trace_id);
    };
    expect(await list(ALICE)).toContain(traceId);
    expect(await list(BOB)).not.toContain(traceId);
    // Bob posting the same trace id does not replace Alice's span (a clear 4xx, never a 5xx).
    const takeover = await post(BOB, span("bob's output"));
    expect(takeover.status).toBeGreaterThanOrEqual(400);
    expect(takeover.status).toBeLessThan(500);
    const tree = (await (await read(ALICE)).json()) as { output: string };
    expect(tree.output).toBe("alice's output");
  });

  test("SHARED_LOGS=1 makes every key one team", async () => {
    const model = `tenancy-shared-${unique}`;
    await run(shared.url, model, ALICE);
    await expect.poll(async () => (await logs(shared.url, `model=${model}`, BOB)).length).toBe(1);
  });

  test("health without a valid key reveals no provider list, only the status and the store", async () => {
    const testInfo = test.info();
    for (const headers of [{}, { "x-api-key": "not-one-of-them" }] as Record<string, string>[]) {
      const response = await fetch(`${scoped.url}/api/health`, { headers });
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(["status", "store"]);
      expect(body.store).toEqual({
        dialect: testInfo.project.name === "api-postgres" ? "postgres" : "sqlite",
        status: "up",
      });
    }
    const authenticated = (await (
      await fetch(`${scoped.url}/api/health`, { headers: { "x-api-key": ALICE } })
    ).json()) as Record<string, unknown>;
    expect(authenticated.providers_ready).toEqual(expect.any(Array));
    expect(authenticated.local_models_loaded).toEqual(expect.any(Array));
  });
});

test("open mode is one tenant: the browser, curl and Parea's SDK with any key see the same logs", async ({
  baseURL,
}) => {
  const model = `tenancy-open-${Date.now().toString(36)}`;
  await run(baseURL!, model, "any-parea-api-key");
  await expect.poll(async () => (await logs(baseURL!, `model=${model}`)).length).toBe(1);
  expect(await logs(baseURL!, `model=${model}`, "another-key")).toHaveLength(1);
});
