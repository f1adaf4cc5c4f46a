import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * Projects against production servers (`next start`) and the test upstream:
 * - api: HTTP only (the wire format, the error table, auth, abort, fuzz, the store), on the SQLite app;
 * - api-postgres: the store's specs again, on a second app instance backed by PostgreSQL;
 * - browser: Debian's Chromium doing what a person does.
 * The app reaches the providers through OPENAI_BASE_URL / ANTHROPIC_BASE_URL, as the official SDKs do.
 */
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const PG_APP_PORT = APP_PORT + 1;
const UPSTREAM_PORT = Number(process.env.E2E_UPSTREAM_PORT ?? 4100);
const upstream = `http://127.0.0.1:${UPSTREAM_PORT}`;
const sharedModels = process.env.LOCAL_MODELS_DIR ?? path.resolve(__dirname, "../shared/models");
const PG_ADMIN_URL = process.env.E2E_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PG_DATABASE = `playground_e2e_${APP_PORT}`;

// Fresh state for every run, decided once in the main process (workers inherit the env): a new SQLite data dir,
// and a new PostgreSQL database.
if (!process.env.TEST_WORKER_INDEX && !process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = mkdtempSync(path.join(tmpdir(), "playground-e2e-"));
  for (const sql of [`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`, `CREATE DATABASE ${PG_DATABASE}`]) {
    execFileSync("psql", [PG_ADMIN_URL, "-q", "-c", sql], { stdio: "ignore" });
  }
}
const PG_DATABASE_URL = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${PG_DATABASE}`);
process.env.E2E_PG_URL = PG_DATABASE_URL;
const STORE_SPECS = /store.*\.spec\.ts$/;

const appEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  OPENAI_BASE_URL: `${upstream}/v1`,
  ANTHROPIC_BASE_URL: upstream,
  OPENAI_API_KEY: "",
  ANTHROPIC_API_KEY: "",
  LOCAL_MODELS_DIR: sharedModels,
  UPSTREAM_TIMEOUT_MS: "3000",
  UPSTREAM_IDLE_TIMEOUT_MS: "3000",
  BASE_URL_ALLOW: "loopback",
  KEYS_SECRET: "e2e-secret-for-tests-only",
  LOG_RUNS: "1",
  // A known output cap for e2e/api/security-limits.spec.ts; share limits out of the way of the other specs (the
  // limits' own spec starts instances with small ones).
  MAX_OUTPUT_BYTES: "2097152",
  SHARE_RATE_PER_MINUTE: "1000000",
  SHARE_QUOTA_BYTES: "100000000000",
  SHARE_QUOTA_COUNT: "100000000",
};

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "api", testDir: "e2e/api" },
    {
      name: "api-postgres",
      testDir: "e2e/api",
      testMatch: STORE_SPECS,
      use: { baseURL: `http://127.0.0.1:${PG_APP_PORT}` },
    },
    {
      name: "browser",
      testDir: "e2e/browser",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `node e2e/upstream/server.mjs --port ${UPSTREAM_PORT}`,
      url: `${upstream}/__health`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      // A single process (no npx wrapper), so stopping it leaves no orphan next-server behind.
      command: `node scripts/start.mjs -p ${APP_PORT}`,
      url: `http://127.0.0.1:${APP_PORT}/api/health`,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { ...appEnv, DATA_DIR: path.join(process.env.E2E_DATA_DIR ?? "data", "sqlite") },
    },
    {
      command: `node scripts/start.mjs -p ${PG_APP_PORT}`,
      url: `http://127.0.0.1:${PG_APP_PORT}/api/health`,
      reuseExistingServer: false,
      stdout: "ignore",
      env: { ...appEnv, DATABASE_URL: PG_DATABASE_URL, LOG_RUNS: "0", LOCAL_PREWARM: "0" },
    },
  ],
});
