import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { type AppInstance, startAppInstance } from "./app-instance";
import { lastUpstreamRequest, openaiBody, parseStream, postRaw, STREAM_PATH, upstreamRequests } from "./support";

const SECRET_KEY = "sk-test-SAVEDKEY-MARKER";

test.describe("PostgreSQL: two app instances share one store", () => {
  let second: AppInstance;
  test.beforeAll(async () => {
    test.skip(test.info().project.name !== "api-postgres", "scale-out needs the PostgreSQL app");
    second = await startAppInstance({
      DATABASE_URL: process.env.E2E_PG_URL ?? "",
      KEYS_SECRET: "e2e-secret-for-tests-only",
      LOCAL_PREWARM: "0",
    });
  });
  test.afterAll(async () => {
    await second?.stop();
  });

  test("logs, cache and deployments written through one instance are seen by the other", async ({
    request,
    baseURL,
  }) => {
    const traceId = randomUUID();
    await postRaw(baseURL!, STREAM_PATH, openaiBody("gpt-4o-mini", { trace_id: traceId }));
    await expect.poll(async () => (await request.get(`${second.url}/api/logs/${traceId}`)).status()).toBe(200);

    const model = `gpt-4o-mini-shared-cache-${randomUUID()}`;
    const body = { ...openaiBody(model), cache: true };
    expect(parseStream(await postRaw(baseURL!, STREAM_PATH, body)).final.cache_hit).toBe(false);
    expect(parseStream(await postRaw(second.url, STREAM_PATH, body)).final.cache_hit).toBe(true);
    expect((await upstreamRequests()).filter((entry) => entry.body?.model === model)).toHaveLength(1);

    const deployed = await (
      await request.post(`${second.url}/api/deployments`, {
        data: {
          name: `shared-${randomUUID()}`,
          llm_configuration: {
            provider: "openai",
            model: "gpt-4o-mini-shared-deploy",
            messages: [{ role: "user", content: "Hi {{name}}" }],
          },
        },
      })
    ).json();
    const run = await postRaw(baseURL!, STREAM_PATH, {
      ...openaiBody("x"),
      deployment_id: deployed.deployment_id,
      llm_inputs: { name: "Ada" },
      llm_configuration: {},
    });
    expect(parseStream(run).final.status).toBe("success");
    expect((await lastUpstreamRequest("gpt-4o-mini-shared-deploy")).body.messages).toEqual([
      { role: "user", content: "Hi Ada" },
    ]);
  });

  test("a saved key is used, stored only as ciphertext, and never returned or logged", async ({ request, baseURL }) => {
    const identity = { "x-user-id": `user-${randomUUID()}` };
    const saved = await request.put(`${baseURL}/api/keys/openai`, { data: { key: SECRET_KEY }, headers: identity });
    expect(saved.ok()).toBe(true);
    expect(JSON.stringify(await saved.json())).not.toContain(SECRET_KEY);
    const model = `gpt-4o-mini-saved-key-${randomUUID()}`;
    const body = openaiBody(model);
    delete (body as { provider_api_key?: string }).provider_api_key;
    // The other instance decrypts it for the same caller.
    expect(parseStream(await postRaw(second.url, STREAM_PATH, body, identity)).final.status).toBe("success");
    expect((await lastUpstreamRequest(model)).headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    const listed = await (await request.get(`${baseURL}/api/keys`, { headers: identity })).json();
    expect(JSON.stringify(listed)).not.toContain(SECRET_KEY);
    const client = new pg.Client({ connectionString: process.env.E2E_PG_URL });
    await client.connect();
    try {
      const dump = await client.query("SELECT * FROM provider_keys");
      expect(dump.rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(dump.rows)).not.toContain("SAVEDKEY-MARKER");
      const logs = await client.query("SELECT * FROM logs");
      expect(JSON.stringify(logs.rows)).not.toContain("SAVEDKEY-MARKER");
    } finally {
      await client.end();
    }
    expect(second.output()).not.toContain("SAVEDKEY-MARKER");
  });
});

test.describe("SQLite: a saved key is only ciphertext on disk", () => {
  test("grep the database files and the server log for the marker key", async ({ request }) => {
    test.skip(test.info().project.name !== "api", "the SQLite app");
    const dataDir = path.join(process.env.E2E_DATA_DIR ?? "", "own-instance");
    const app = await startAppInstance({
      DATA_DIR: dataDir,
      KEYS_SECRET: "e2e-secret-for-tests-only",
      LOCAL_PREWARM: "0",
    });
    try {
      const identity = { "x-api-key": "someone" };
      expect(
        (await request.put(`${app.url}/api/keys/openai`, { data: { key: SECRET_KEY }, headers: identity })).ok(),
      ).toBe(true);
      const model = `gpt-4o-mini-sqlite-key-${randomUUID()}`;
      const body = openaiBody(model);
      delete (body as { provider_api_key?: string }).provider_api_key;
      expect(parseStream(await postRaw(app.url, STREAM_PATH, body, identity)).final.status).toBe("success");
      expect((await lastUpstreamRequest(model)).headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
      // Another caller does not get it.
      const other = await request.post(`${app.url}${STREAM_PATH}`, {
        data: body,
        headers: { "x-api-key": "someone-else" },
      });
      expect(other.status()).toBe(401);
    } finally {
      await app.stop();
    }
    const files = readdirSync(dataDir).filter((name) => name.startsWith("playground.db"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(path.join(dataDir, file)).includes("SAVEDKEY-MARKER")).toBe(false);
    expect(app.output()).not.toContain("SAVEDKEY-MARKER");
  });
});
