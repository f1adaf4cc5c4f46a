import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * Two projects against one production server (`next start`) and the test upstream:
 * - api: HTTP only (the wire format, the error table, auth, abort, fuzz);
 * - browser: Debian's Chromium doing what a person does.
 * The app reaches the providers through OPENAI_BASE_URL / ANTHROPIC_BASE_URL, as the official SDKs do.
 */
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const UPSTREAM_PORT = Number(process.env.E2E_UPSTREAM_PORT ?? 4100);
const upstream = `http://127.0.0.1:${UPSTREAM_PORT}`;
const sharedModels = process.env.LOCAL_MODELS_DIR ?? path.resolve(__dirname, "../shared/models");

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
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        OPENAI_BASE_URL: `${upstream}/v1`,
        ANTHROPIC_BASE_URL: upstream,
        OPENAI_API_KEY: "",
        ANTHROPIC_API_KEY: "",
        LOCAL_MODELS_DIR: sharedModels,
        UPSTREAM_TIMEOUT_MS: "3000",
        UPSTREAM_IDLE_TIMEOUT_MS: "3000",
        BASE_URL_ALLOW: "loopback",
        LOG_RUNS: "1",
      },
    },
  ],
});
