import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";
import { type AppInstance, startAppInstance } from "./app-instance";

// Issue 9, point 11: short-link snapshots have a quota and a rate per caller, and they expire. On both dialects: the
// api project runs it on an instance with its own SQLite, api-postgres on one sharing the e2e PostgreSQL database.
const KEYS = { alice: `alice-${randomUUID()}`, bob: `bob-${randomUUID()}`, carol: `carol-${randomUUID()}` };
const QUOTA_BYTES = 4000;
const RATE = 4;

function snapshotBody(fill = 0) {
  return {
    request: {
      llm_configuration: { provider: "openai", model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] },
      ...(fill > 0 ? { metadata: { note: "n".repeat(fill) } } : {}),
    },
  };
}

let app: AppInstance;
let sqliteFile: string | undefined;

/** Runs one statement on the instance's store, behind the app's back (to age a snapshot). */
async function storeQuery(text: string, values: unknown[]): Promise<unknown[]> {
  if (sqliteFile) {
    const database = new Database(sqliteFile);
    try {
      const statement = database.prepare(text.replace(/\$\d+/g, "?"));
      if (statement.reader) return statement.all(...values);
      statement.run(...values);
      return [];
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: process.env.E2E_PG_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  const postgres = test.info().project.name === "api-postgres";
  const dataDir = mkdtempSync(path.join(process.env.E2E_DATA_DIR ?? "/tmp", "share-limits-"));
  sqliteFile = postgres ? undefined : path.join(dataDir, "playground.db");
  app = await startAppInstance({
    ...(postgres ? { DATABASE_URL: process.env.E2E_PG_URL ?? "" } : { DATA_DIR: dataDir }),
    PLAYGROUND_API_KEYS: Object.values(KEYS).join(","),
    SHARE_QUOTA_BYTES: String(QUOTA_BYTES),
    SHARE_QUOTA_COUNT: "1000",
    SHARE_RATE_PER_MINUTE: String(RATE),
    LOCAL_PREWARM: "0",
  });
});
test.afterAll(async () => app?.stop());

test("past the byte quota a snapshot gets a 413 naming the limit", async ({ request }) => {
  const headers = { "x-api-key": KEYS.alice };
  const body = snapshotBody(1500);
  for (let index = 0; index < 2; index++) {
    expect((await request.post(`${app.url}/api/share`, { data: body, headers })).status()).toBe(201);
  }
  const refused = await request.post(`${app.url}/api/share`, { data: body, headers });
  expect(refused.status()).toBe(413);
  const answer = (await refused.json()) as { error: { type: string; message: string } };
  expect(answer.error.type).toBe("quota_exceeded");
  expect(answer.error.message).toContain("SHARE_QUOTA_BYTES");
  // Another caller has its own allowance.
  expect(
    (await request.post(`${app.url}/api/share`, { data: body, headers: { "x-api-key": KEYS.carol } })).status(),
  ).toBe(201);
});

test("past the rate a snapshot gets a 429 with Retry-After", async ({ request }) => {
  const headers = { "x-api-key": KEYS.bob };
  for (let index = 0; index < RATE; index++) {
    expect((await request.post(`${app.url}/api/share`, { data: snapshotBody(), headers })).status()).toBe(201);
  }
  const refused = await request.post(`${app.url}/api/share`, { data: snapshotBody(), headers });
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("SHARE_RATE_PER_MINUTE");
});

test("an expired snapshot answers 410, then it is gone (404) and purged from the store", async ({ request }) => {
  const headers = { "x-api-key": KEYS.carol };
  const created = await request.post(`${app.url}/api/share`, { data: snapshotBody(), headers });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const rows = (await storeQuery("SELECT owner, bytes, expires_at FROM snapshots WHERE id = $1", [id])) as {
    owner: string;
    bytes: number;
    expires_at: string;
  }[];
  expect(rows).toHaveLength(1);
  expect(Number(rows[0]?.bytes)).toBeGreaterThan(0);
  expect(Date.parse(rows[0]?.expires_at ?? "")).toBeGreaterThan(Date.now());
  expect((await request.get(`${app.url}/api/share/${id}`, { headers })).status()).toBe(200);

  await storeQuery("UPDATE snapshots SET expires_at = $1 WHERE id = $2", ["2000-01-01T00:00:00.000Z", id]);
  const expired = await request.get(`${app.url}/api/share/${id}`, { headers });
  expect(expired.status()).toBe(410);
  expect(((await expired.json()) as { error: { message: string } }).error.message).toContain("expired");
  expect((await request.get(`${app.url}/api/share/${id}`, { headers })).status()).toBe(404);
  expect(await storeQuery("SELECT id FROM snapshots WHERE id = $1", [id])).toEqual([]);
});

test("expired snapshots are purged by the next write, read or not", async ({ request }) => {
  const headers = { "x-api-key": KEYS.carol };
  const first = (await (await request.post(`${app.url}/api/share`, { data: snapshotBody(), headers })).json()) as {
    id: string;
  };
  await storeQuery("UPDATE snapshots SET expires_at = $1 WHERE id = $2", ["2000-01-01T00:00:00.000Z", first.id]);
  expect((await request.post(`${app.url}/api/share`, { data: snapshotBody(), headers })).status()).toBe(201);
  expect(await storeQuery("SELECT id FROM snapshots WHERE id = $1", [first.id])).toEqual([]);
});
