import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type AppInstance, startAppInstance } from "./app-instance";
import { COMPLETION_PATH, openaiBody, STREAM_PATH } from "./support";

/**
 * The store unreachable (issue 9, point 17): health is a 503 that a load balancer sees, store routes a 503 naming
 * the store (dialect, unreachable; never the connection string or its password), and completions still run and
 * say that they are not logged.
 */
const PASSWORD = "pw-MARKER-5e4d3c";

const cases = [
  {
    dialect: "postgres",
    label: "PostgreSQL",
    env: (): Record<string, string> => ({ DATABASE_URL: `postgres://postgres:${PASSWORD}@127.0.0.1:1/none` }),
  },
  {
    dialect: "sqlite",
    label: "SQLite",
    env: (): Record<string, string> => {
      // DATA_DIR under a regular file: the database can never be created.
      const file = path.join(tmpdir(), `playground-not-a-dir-${process.pid}-${Date.now()}`);
      writeFileSync(file, "");
      return { DATABASE_URL: "", DATA_DIR: path.join(file, "data") };
    },
  },
] as const;

for (const { dialect, label, env } of cases) {
  test.describe(`${label} unreachable`, () => {
    let app: AppInstance;
    test.beforeAll(async () => {
      test.setTimeout(60_000);
      app = await startAppInstance({ ...env(), LOCAL_PREWARM: "0", LOG_RUNS: "1" });
    });
    test.afterAll(async () => app?.stop());

    test("health answers 503 with the store down, naming the dialect only", async () => {
      const response = await fetch(`${app.url}/api/health`);
      expect(response.status).toBe(503);
      const text = await response.text();
      const body = JSON.parse(text) as { status: string; store: { dialect: string; status: string; message: string } };
      expect(body.status).toBe("unavailable");
      expect(body.store).toMatchObject({ dialect, status: "down" });
      expect(body.store.message).toContain(`The store (${label}) is unreachable`);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain("127.0.0.1:1");
      expect(text).not.toContain("postgres://");
    });

    test("store routes answer 503 store_unavailable, never a 500", async () => {
      const routes: [string, string, string?][] = [
        ["GET", "/api/logs"],
        ["GET", "/api/logs/stats"],
        ["GET", "/api/logs/some-trace"],
        ["GET", "/api/deployments"],
        ["GET", "/api/deployments/p-abc"],
        ["POST", "/api/deployments", JSON.stringify({ name: "x", llm_configuration: { model: "m" } })],
        ["GET", "/api/eval-metrics"],
        ["GET", "/api/keys"],
        ["DELETE", "/api/keys/openai"],
        ["GET", "/api/cache"],
        ["DELETE", "/api/cache"],
      ];
      for (const [method, route, body] of routes) {
        const response = await fetch(`${app.url}${route}`, {
          method,
          headers: { "content-type": "application/json" },
          body,
        });
        const text = await response.text();
        expect(response.status, `${method} ${route}: ${text}`).toBe(503);
        const error = JSON.parse(text) as { error: { type: string; message: string; store: string } };
        expect(error.error).toMatchObject({ type: "store_unavailable", store: dialect });
        expect(error.error.message).toContain(`The store (${label}) is unreachable`);
        expect(text).not.toContain(PASSWORD);
      }
    });

    test("a completion still runs, streamed or not, and says it is not logged", async () => {
      const json = await fetch(`${app.url}${COMPLETION_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(openaiBody(`store-down-${dialect}`)),
      });
      expect(json.status).toBe(200);
      const result = (await json.json()) as { status: string; warnings: string[] };
      expect(result.status).toBe("success");
      expect(result.warnings).toContain("the store is unavailable: this run is neither logged nor cached");

      const stream = await fetch(`${app.url}${STREAM_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(openaiBody(`store-down-stream-${dialect}`)),
      });
      expect(stream.status).toBe(200);
      const text = await stream.text();
      expect(text).toContain('"done":true');
      expect(text).toContain("neither logged nor cached");
      expect(app.output()).not.toContain(PASSWORD);
    });
  });
}
