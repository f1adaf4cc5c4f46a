import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type AppInstance, startAppInstance } from "./app-instance";
import { COMPLETION_PATH, MARKER_KEY, postRaw, STREAM_PATH } from "./support";

/**
 * Issue 9.6: a provider that echoes the caller's key in an in-stream error event or in a plain-text error body. The
 * key, and any start of it of 8+ characters, must appear nowhere: not in the stream, the JSON response, the log
 * (GET /api/logs/<id>) nor the server's own output.
 */
const KEY_START = MARKER_KEY.slice(0, 8);
let app: AppInstance;
let hostile: { url: string; requests: { headers: Record<string, unknown> }[]; close: () => Promise<void> };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // A dynamic import: the module's top-level await (its CLI entry) cannot be require()d by Playwright's loader.
  const { startHostile } = await import("../hostile/server.mjs");
  hostile = await startHostile();
  app = await startAppInstance({
    BASE_URL_ALLOW: "loopback",
    LOG_RUNS: "1",
    LOCAL_PREWARM: "0",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "redaction-")),
  });
});
test.afterAll(async () => {
  await app?.stop();
  await hostile?.close();
});

let counter = 0;
function hostileBody(provider: "openai" | "anthropic", scenario: string) {
  const traceId = `redaction-${provider}-${scenario}-${counter++}`;
  return {
    traceId,
    body: {
      provider_api_key: MARKER_KEY,
      cache: false,
      trace_id: traceId,
      llm_configuration: {
        provider,
        model: "hostile-model",
        base_url: `${hostile.url}/${scenario}/v1`,
        messages: [{ role: "user", content: "hello" }],
      },
    },
  };
}

async function expectNoKeyIn(text: string, where: string) {
  expect(text, where).not.toContain(MARKER_KEY);
  expect(text, `${where} shows the key's start`).not.toContain(KEY_START);
}

async function loggedRun(traceId: string): Promise<string> {
  let text = "";
  await expect
    .poll(async () => {
      const response = await fetch(`${app.url}/api/logs/${traceId}`);
      text = await response.text();
      return response.status;
    })
    .toBe(200);
  return text;
}

// 400 filler characters (the scenario's default) put the key past a 300-character cut; 269 and 280 make that cut
// land inside it for OpenAI's "authorization=Bearer <key>" and Anthropic's "x-api-key=<key>".
const SCENARIOS = ["mid-error-echo", "plain-error-echo", "plain-error-echo-269", "plain-error-echo-280"];

for (const provider of ["openai", "anthropic"] as const) {
  for (const scenario of SCENARIOS) {
    for (const [mode, route] of [
      ["stream", STREAM_PATH],
      ["json", COMPLETION_PATH],
    ] as const) {
      test(`${provider} ${scenario} (${mode}): the echoed key is nowhere`, async () => {
        const before = hostile.requests.length;
        const { traceId, body } = hostileBody(provider, scenario);
        const raw = await postRaw(app.url, route, body);
        // The hostile server did get the key (so it had something to echo).
        expect(JSON.stringify(hostile.requests.slice(before))).toContain(MARKER_KEY);

        expect(raw.status).toBe(mode === "stream" && scenario === "mid-error-echo" ? 200 : 502);
        expect(raw.text).toContain('"error"');
        if (scenario === "mid-error-echo") expect(raw.text).toContain("[redacted]");
        await expectNoKeyIn(raw.text, "the response");
        await expectNoKeyIn(await loggedRun(traceId), "the log");
        await expectNoKeyIn(app.output(), "the server log");
      });
    }
  }
}
