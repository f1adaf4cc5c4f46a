import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { type AppInstance, startAppInstance } from "./app-instance";
import { lastUpstreamRequest, MARKER_KEY, openaiBody, parseStream, postRaw, STREAM_PATH } from "./support";

/**
 * The store's own routes: /api/logs (list, filters, cursor, detail, stats), /api/deployments, /api/keys,
 * /api/cache and /api/eval-metrics. Logs come from real runs through the completion route against the test
 * upstream; every test works in its own project / identity, since other specs share the server.
 */

interface ListItem {
  trace_id: string;
  parent_trace_id: string | null;
  status: string;
  tags: string[];
  created_at: string;
  output_preview: string | null;
  input_preview: string | null;
  [field: string]: unknown;
}
type Page = { items: ListItem[]; next_cursor: string | null };

const LIST_FIELDS = (
  "trace_id parent_trace_id root_trace_id trace_name project_name provider model status error latency " +
  "time_to_first_token input_tokens output_tokens total_tokens cost cache_hit tags end_user_identifier created_at " +
  "output_preview"
).split(" ");

async function list(request: APIRequestContext, query: string): Promise<Page> {
  const response = await request.get(`/api/logs?${query}`);
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

async function expect422(response: Awaited<ReturnType<APIRequestContext["get"]>>, loc: (string | number)[]) {
  expect(response.status()).toBe(422);
  const body = (await response.json()) as { detail: { loc: (string | number)[]; msg: string; type: string }[] };
  expect(
    body.detail.some((issue) => JSON.stringify(issue.loc) === JSON.stringify(loc)),
    JSON.stringify(body),
  ).toBe(true);
  for (const issue of body.detail) expect(typeof issue.msg).toBe("string");
}

test("logs: list, filters, cursor pages, detail with children, stats; 422 on a bad query", async ({
  request,
  baseURL,
}) => {
  const project = `routes-${randomUUID()}`;
  const marker = `needle-${randomUUID()}`;
  const root = randomUUID();
  const child = randomUUID();
  const common = { project_name: project, end_user_identifier: "user-7", tags: ["alpha"] };
  const runs = [
    openaiBody(
      "gpt-4o-mini",
      { ...common, trace_id: root, trace_name: "root run" },
      {
        messages: [{ role: "user", content: `Find the ${marker}` }],
      },
    ),
    openaiBody("gpt-4o-mini", {
      ...common,
      trace_id: child,
      parent_trace_id: root,
      root_trace_id: root,
      tags: ["beta"],
    }),
    openaiBody("error-500", { ...common }),
  ];
  for (const body of runs) await postRaw(baseURL!, STREAM_PATH, body);

  // Logs are written after the stream's last byte: wait for all three.
  await expect.poll(async () => (await list(request, `project=${project}`)).items.length).toBe(3);
  const all = await list(request, `project=${project}`);
  const times = all.items.map((item) => item.created_at);
  expect([...times].sort().reverse()).toEqual(times);
  for (const item of all.items) {
    for (const field of LIST_FIELDS) expect(item, field).toHaveProperty(field);
    expect(item).not.toHaveProperty("request");
  }
  expect(JSON.stringify(all)).not.toContain(MARKER_KEY);
  const rootItem = all.items.find((item) => item.trace_id === root);
  expect(rootItem).toMatchObject({
    status: "success",
    trace_name: "root run",
    provider: "openai",
    model: "gpt-4o-mini",
  });
  expect(rootItem?.input_preview).toContain(marker);
  expect(rootItem?.output_preview).toContain(marker);

  // Filters.
  const count = async (query: string) => (await list(request, `project=${project}&${query}`)).items.length;
  expect(await count("status=error")).toBe(1);
  expect(await count("status=success")).toBe(2);
  expect(await count("tags=alpha")).toBe(2);
  expect(await count("tags=alpha,beta")).toBe(3);
  expect(await count(`search=${marker.toUpperCase()}`)).toBe(1);
  expect(await count("model=error-500")).toBe(1);
  expect(await count("provider=anthropic")).toBe(0);
  expect(await count("end_user=user-7")).toBe(3);
  expect(await count("end_user=someone-else")).toBe(0);
  expect(await count(`root_trace_id=${root}`)).toBe(2);
  expect(await count(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toBe(0);
  expect(await count(`to=${Date.now() + 60_000}&from=${Date.now() - 600_000}`)).toBe(3);
  expect(await count("status=")).toBe(3); // an empty parameter is no filter

  // Cursor pages: one at a time, the same order, then no cursor.
  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await list(request, `project=${project}&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
    expect(page.items.length).toBeLessThanOrEqual(1);
    paged.push(...page.items.map((item) => item.trace_id));
    cursor = page.next_cursor;
  } while (cursor && paged.length < 10);
  expect(paged).toEqual(all.items.map((item) => item.trace_id));

  // Detail: the whole log, its children, no key.
  const detail = await request.get(`/api/logs/${root}`);
  expect(detail.status()).toBe(200);
  const log = await detail.json();
  expect(log).toMatchObject({ trace_id: root, project_name: project, status: "success", tags: ["alpha"] });
  expect(log.request.llm_configuration.messages).toEqual([{ role: "user", content: `Find the ${marker}` }]);
  expect(log.output).toContain(marker);
  expect(log.children.map((entry: { trace_id: string }) => entry.trace_id)).toEqual([child]);
  expect(JSON.stringify(log)).not.toContain(MARKER_KEY);
  expect((await request.get(`/api/logs/${randomUUID()}`)).status()).toBe(404);

  // Stats over the same filters.
  const stats = await request.get(`/api/logs/stats?project=${project}&bucket=day`);
  expect(stats.status()).toBe(200);
  const points = (await stats.json()) as { bucket: string; requests: number; errors: number; latency_p95: number }[];
  expect(points.reduce((sum, point) => sum + point.requests, 0)).toBe(3);
  expect(points.reduce((sum, point) => sum + point.errors, 0)).toBe(1);
  expect(points.every((point) => /T00:00:00\.000Z$/.test(point.bucket))).toBe(true);

  // Bad queries are 422s that name the parameter, never 500s.
  await expect422(await request.get("/api/logs?limit=0"), ["query", "limit"]);
  await expect422(await request.get("/api/logs?limit=many"), ["query", "limit"]);
  await expect422(await request.get("/api/logs?status=maybe"), ["query", "status"]);
  await expect422(await request.get("/api/logs?from=yesterday-ish"), ["query", "from"]);
  await expect422(await request.get("/api/logs?cursor=not-a-cursor"), ["query", "cursor"]);
  await expect422(await request.get("/api/logs/stats?bucket=week"), ["query", "bucket"]);
});

test("deployments: create, version, list, get; keys stripped; 422 on a bad body", async ({ request }) => {
  const name = `routes-prompt-${randomUUID()}`;
  const configuration = {
    provider: "openai",
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Hello {{name}}" }],
    model_params: { temp: 0.3, max_length: 50, api_key: "sk-should-not-be-stored" },
    provider_api_key: MARKER_KEY,
  };
  const first = await request.post("/api/deployments", { data: { name, llm_configuration: configuration } });
  expect(first.status(), await first.text()).toBe(201);
  const created = await first.json();
  expect(created).toEqual({
    deployment_id: expect.stringMatching(/^p-[A-Za-z0-9_-]{21}$/),
    name,
    version_number: 1,
    created_at: expect.any(String),
  });
  const second = await (
    await request.post("/api/deployments", { data: { name, llm_configuration: { ...configuration, model: "gpt-4o" } } })
  ).json();
  expect(second.version_number).toBe(2);

  const prompts = (await (await request.get("/api/deployments")).json()) as {
    name: string;
    versions: { deployment_id: string; version_number: number; model: string }[];
  }[];
  const prompt = prompts.find((entry) => entry.name === name);
  expect(prompt?.versions.map((version) => [version.version_number, version.model])).toEqual([
    [2, "gpt-4o"],
    [1, "gpt-4o-mini"],
  ]);

  const fetched = await request.get(`/api/deployments/${created.deployment_id}`);
  expect(fetched.status()).toBe(200);
  const deployment = await fetched.json();
  expect(deployment).toMatchObject({ ...created, provider: "openai", model: "gpt-4o-mini" });
  expect(deployment.llm_configuration).toEqual({
    provider: "openai",
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Hello {{name}}" }],
    model_params: { temp: 0.3, max_length: 50 },
  });
  expect(JSON.stringify(prompts)).not.toContain(MARKER_KEY);
  expect(JSON.stringify(prompts)).not.toContain("sk-should-not-be-stored");
  expect((await request.get("/api/deployments/p-doesNotExist000000000")).status()).toBe(404);
  expect((await request.get("/api/deployments/not-an-id")).status()).toBe(404);

  const post = (data: unknown) => request.post("/api/deployments", { data: data as Record<string, unknown> });
  await expect422(await post({ llm_configuration: configuration }), ["body", "name"]);
  await expect422(await post({ name: "  ", llm_configuration: configuration }), ["body", "name"]);
  await expect422(await post({ name }), ["body", "llm_configuration"]);
  await expect422(await post({ name, llm_configuration: { provider: "nope" } }), [
    "body",
    "llm_configuration",
    "provider",
  ]);
  await expect422(await post({ name, llm_configuration: { messages: "hi" } }), [
    "body",
    "llm_configuration",
    "messages",
  ]);
  const notJson = await request.post("/api/deployments", {
    headers: { "content-type": "application/json" },
    data: Buffer.from("{not json"),
  });
  expect(notJson.status()).toBe(400);
});

test("saved keys: save, list (hints only), use, delete; per identity; 422 on bad input", async ({
  request,
  baseURL,
}) => {
  const headers = { "x-user-id": `routes-identity-${randomUUID()}` };
  const other = { "x-user-id": `routes-other-${randomUUID()}` };
  const key = `sk-saved-${randomUUID().replace(/-/g, "")}`;
  const saved = await request.put("/api/keys/openai", { headers, data: { key } });
  expect(saved.status(), await saved.text()).toBe(200);
  const summary = await saved.json();
  expect(summary).toEqual({
    provider: "openai",
    base_url: null,
    hint: expect.stringMatching(/…/),
    created_at: expect.any(String),
  });
  expect(JSON.stringify(summary)).not.toContain(key.slice(8, -4));

  const listed = await (await request.get("/api/keys", { headers })).json();
  expect(listed).toEqual([summary]);
  expect(JSON.stringify(listed)).not.toContain(key.slice(8, -4));
  expect(await (await request.get("/api/keys", { headers: other })).json()).toEqual([]);

  // A run without provider_api_key from this identity uses the saved key.
  const model = `gpt-4o-mini-saved-${randomUUID()}`;
  const body = openaiBody(model) as Record<string, unknown>;
  delete body.provider_api_key;
  expect(parseStream(await postRaw(baseURL!, STREAM_PATH, body, headers)).final.status).toBe("success");
  expect((await lastUpstreamRequest(model)).headers.authorization).toBe(`Bearer ${key}`);

  await expect422(await request.put("/api/keys/not-a-provider", { headers, data: { key } }), ["path", "provider"]);
  await expect422(await request.put("/api/keys/openai", { headers, data: { key: "  " } }), ["body", "key"]);
  await expect422(await request.put("/api/keys/openai", { headers, data: {} }), ["body", "key"]);

  const deleted = await request.delete("/api/keys/openai", { headers });
  expect(await deleted.json()).toEqual({ provider: "openai", base_url: null, deleted: true });
  expect(await (await request.get("/api/keys", { headers })).json()).toEqual([]);
  expect(await (await request.delete("/api/keys/openai", { headers })).json()).toEqual({
    provider: "openai",
    base_url: null,
    deleted: false,
  });
});

test("eval metrics: list the built-ins, create one, 422 on a bad one", async ({ request }) => {
  const metrics = (await (await request.get("/api/eval-metrics")).json()) as { id: number; kind: string }[];
  expect(metrics.filter((metric) => metric.id <= 7).map((metric) => metric.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  const name = `routes-metric-${randomUUID()}`;
  const created = await request.post("/api/eval-metrics", {
    data: { name, kind: "regex", config: { pattern: "^Echo", flags: "i" } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const metric = await created.json();
  expect(metric).toMatchObject({ name, kind: "regex", config: { pattern: "^Echo", flags: "i" } });
  expect(metric.id).toBeGreaterThan(100);
  const again = (await (await request.get("/api/eval-metrics")).json()) as { id: number }[];
  expect(again.map((entry) => entry.id)).toContain(metric.id);

  const post = (data: Record<string, unknown>) => request.post("/api/eval-metrics", { data });
  await expect422(await post({ name, kind: "regex", config: { pattern: "(" } }), ["body", "config"]);
  await expect422(await post({ name, kind: "vibes" }), ["body", "kind"]);
  await expect422(await post({ kind: "regex" }), ["body", "name"]);
});

test.describe("on an instance of its own (fresh SQLite, operator keys, no KEYS_SECRET)", () => {
  const OPERATOR = "routes-operator-key";
  const auth = { "x-api-key": OPERATOR };
  let app: AppInstance;

  test.beforeAll(async () => {
    // The instance is SQLite whichever project runs this file: once is enough.
    test.skip(test.info().project.name !== "api", "runs once, in the api project");
    // Its own data dir: clearing the cache here cannot disturb the specs sharing the main server.
    app = await startAppInstance({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "store-routes-")),
      DATABASE_URL: "",
      KEYS_SECRET: "",
      PLAYGROUND_API_KEYS: OPERATOR,
      LOCAL_PREWARM: "0",
    });
  });
  test.afterAll(async () => app?.stop());

  test("every store route wants the operator key", async ({ request }) => {
    const calls = [
      ...["/api/logs", "/api/logs/stats", `/api/logs/${randomUUID()}`, "/api/deployments", "/api/deployments/p-x"],
      ...["/api/keys", "/api/cache", "/api/eval-metrics"],
    ].map((route) => ["GET", route]);
    calls.push(["POST", "/api/deployments"], ["PUT", "/api/keys/openai"], ["DELETE", "/api/keys/openai"]);
    calls.push(["DELETE", "/api/cache"], ["POST", "/api/eval-metrics"]);
    for (const [method, route] of calls) {
      const response = await request.fetch(`${app.url}${route}`, { method, data: method === "GET" ? undefined : {} });
      expect(response.status(), `${method} ${route}`).toBe(401);
    }
    expect((await request.get(`${app.url}/api/logs`, { headers: auth })).status()).toBe(200);
  });

  test("cache: count, clear", async ({ request }) => {
    const entries = async () => (await (await request.get(`${app.url}/api/cache`, { headers: auth })).json()).entries;
    expect(await entries()).toBe(0);
    const body = { ...openaiBody(`gpt-4o-mini-cache-${randomUUID()}`), cache: true };
    expect(parseStream(await postRaw(app.url, STREAM_PATH, body, auth)).final.cache_hit).toBe(false);
    await expect.poll(entries).toBe(1);
    expect(parseStream(await postRaw(app.url, STREAM_PATH, body, auth)).final.cache_hit).toBe(true);

    const cleared = await request.delete(`${app.url}/api/cache`, { headers: auth });
    expect(await cleared.json()).toEqual({ cleared: 1 });
    expect(await entries()).toBe(0);
    expect(parseStream(await postRaw(app.url, STREAM_PATH, body, auth)).final.cache_hit).toBe(false);
  });

  test("saving a key without KEYS_SECRET is a 503 that names it; listing still works", async ({ request }) => {
    const response = await request.put(`${app.url}/api/keys/openai`, { headers: auth, data: { key: MARKER_KEY } });
    expect(response.status()).toBe(503);
    const body = await response.json();
    expect(body.error.type).toBe("keys_disabled");
    expect(body.error.message).toContain("KEYS_SECRET");
    expect(JSON.stringify(body)).not.toContain(MARKER_KEY);
    expect(await (await request.get(`${app.url}/api/keys`, { headers: auth })).json()).toEqual([]);
  });
});
