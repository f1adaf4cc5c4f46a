import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { parseStream, postRaw, STREAM_PATH } from "./support";

/**
 * Issue 9 point 1 on both dialects (this spec runs on the SQLite app and on the PostgreSQL one): saved keys carry an
 * optional base-URL scope. An unscoped key goes only to the operator's base URL; a scoped one only to its base URL.
 */
type HostileModule = typeof import("../hostile/server.mjs");
let hostile: Awaited<ReturnType<HostileModule["startHostile"]>>;

test.beforeAll(async () => {
  // Imported dynamically: the module has a top-level await (its CLI entry), which Playwright's require() refuses.
  const module: HostileModule = await import("../hostile/server.mjs");
  hostile = await module.startHostile();
});
test.afterAll(async () => hostile?.close());

function body(baseUrl: string | undefined, marker: string) {
  return {
    cache: false,
    llm_configuration: {
      provider: "openai",
      model: "gpt-4o-mini",
      ...(baseUrl ? { base_url: baseUrl } : {}),
      messages: [{ role: "user", content: marker }],
    },
  };
}

test("saved keys scoped by base URL: each key goes only where it was saved for", async ({ request, baseURL }) => {
  const headers = { "x-user-id": `scoped-keys-${randomUUID()}` };
  const unscoped = `sk-unscoped-${randomUUID().replace(/-/g, "")}`;
  const scoped = `sk-scoped-${randomUUID().replace(/-/g, "")}`;
  const gateway = `${hostile.url}/echo/v1`;
  expect((await request.put("/api/keys/openai", { headers, data: { key: unscoped } })).status()).toBe(200);

  // Only an unscoped key: a base URL the request chose gets nothing, and the run is refused before any call.
  const marker = randomUUID();
  const refused = await request.post(STREAM_PATH, { headers, data: body(gateway, marker) });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.message).toContain("is not sent to a base URL the request chose");
  expect(JSON.stringify(hostile.requests)).not.toContain(unscoped);

  const saved = await request.put("/api/keys/openai", { headers, data: { key: scoped, base_url: `${gateway}/` } });
  expect(saved.status(), await saved.text()).toBe(200);
  expect(await saved.json()).toEqual({
    provider: "openai",
    base_url: gateway,
    hint: expect.stringMatching(/…/),
    created_at: expect.any(String),
  });
  const listed = (await (await request.get("/api/keys", { headers })).json()) as Record<string, unknown>[];
  expect(listed.map((entry) => [entry.provider, entry.base_url])).toEqual([
    ["openai", null],
    ["openai", gateway],
  ]);
  expect(JSON.stringify(listed)).not.toContain(scoped.slice(10, -4));

  const run = parseStream(await postRaw(baseURL as string, STREAM_PATH, body(gateway, marker), headers));
  expect(run.final.status).toBe("success");
  const received = hostile.requests.filter((entry) => JSON.stringify(entry.body).includes(marker));
  expect(received.map((entry) => entry.headers.authorization)).toEqual([`Bearer ${scoped}`]);

  // The operator's base URL (the test upstream) still gets the unscoped key, never the scoped one.
  const operator = parseStream(await postRaw(baseURL as string, STREAM_PATH, body(undefined, randomUUID()), headers));
  expect(operator.final.status).toBe("success");
  expect(JSON.stringify(hostile.requests)).not.toContain(unscoped);

  const deleted = await request.delete(`/api/keys/openai?base_url=${encodeURIComponent(gateway)}`, { headers });
  expect(await deleted.json()).toEqual({ provider: "openai", base_url: gateway, deleted: true });
  const after = (await (await request.get("/api/keys", { headers })).json()) as Record<string, unknown>[];
  expect(after.map((entry) => entry.base_url)).toEqual([null]);
  const bad = await request.delete("/api/keys/openai?base_url=not-a-url", { headers });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).detail[0].loc).toEqual(["query", "base_url"]);
});
