import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type AppInstance, startAppInstance } from "./app-instance";
import { COMPLETION_PATH, openaiBody, parseStream, postRaw, STREAM_PATH } from "./support";

/**
 * Issue 9.13 and 9.14: 200,000 levels of nesting, and ids with CR/LF or non-ASCII characters, are 422s before anything
 * runs (never a 5xx); caller data cannot forge a server log line.
 */
let app: AppInstance;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  app = await startAppInstance({
    LOG_RUNS: "1",
    LOCAL_PREWARM: "0",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "input-")),
  });
});
test.afterAll(async () => app?.stop());

const LEVELS = 200_000;
/** 200,000 nested lists as raw JSON text (JSON.stringify could not even build the value). */
const DEEP = "[".repeat(LEVELS) + "]".repeat(LEVELS);
const DEEP_OBJECT = `${'{"a":'.repeat(LEVELS)}1${"}".repeat(LEVELS)}`;

/** A completion body as text, with more top-level fields (raw JSON text) after a valid configuration. */
function completionWith(fields: string): string {
  return `{"provider_api_key": "sk-test-deep-0000", "cache": false, "llm_configuration": {"provider": "openai", "model": "deep-test", "messages": [{"role": "user", "content": "hi"}]}, ${fields}}`;
}

const COMPLETION_CASES: [string, string, (string | number)[]][] = [
  [
    "messages content",
    `{"provider_api_key": "sk-test-deep-0000", "llm_configuration": {"provider": "openai", "model": "deep-test", "messages": [{"role": "user", "content": ${DEEP}}]}}`,
    ["body", "llm_configuration", "messages", 0, "content"],
  ],
  ["llm_inputs", completionWith(`"llm_inputs": {"x": ${DEEP}}`), ["body", "llm_inputs", "x"]],
  ["metadata", completionWith(`"metadata": {"m": ${DEEP_OBJECT}}`), ["body", "metadata", "m"]],
  [
    "functions",
    `{"provider_api_key": "sk-test-deep-0000", "llm_configuration": {"provider": "openai", "model": "deep-test", "messages": [{"role": "user", "content": "hi"}], "functions": [{"name": "f", "parameters": ${DEEP_OBJECT}}]}}`,
    ["body", "llm_configuration", "functions", 0, "parameters"],
  ],
  ["the body itself", DEEP, ["body"]],
];

for (const [route, label] of [
  [STREAM_PATH, "stream"],
  [COMPLETION_PATH, "json"],
] as const) {
  for (const [field, text, loc] of COMPLETION_CASES) {
    test(`${LEVELS} levels in ${field} (${label}) are a 422 at ${loc.join(".")}, and nothing runs`, async () => {
      const raw = await postRaw(app.url, route, text);
      expect(raw.status).toBe(422);
      const { detail, error } = JSON.parse(raw.text);
      expect(error.type).toBe("validation_error");
      expect(detail[0].type).toBe("too_deep");
      expect(detail[0].loc.slice(0, loc.length)).toEqual(loc);
      expect(detail[0].msg).toContain("deeper than 64 levels");
    });
  }
}

test("a message content that is a string of deeply nested JSON is plain text: the run succeeds", async () => {
  // max_length keeps the test upstream's echo of 400 KB short.
  const body = openaiBody(
    "deep-string",
    {},
    { messages: [{ role: "user", content: DEEP }], model_params: { max_length: 5 } },
  );
  const stream = parseStream(await postRaw(app.url, STREAM_PATH, body));
  expect(stream.final.status).toBe("success");
});

test("a response_format json_schema string nested too deep is a 422", async () => {
  const body = openaiBody(
    "deep-schema",
    {},
    { model_params: { response_format: { type: "json_schema", json_schema: DEEP_OBJECT } } },
  );
  const raw = await postRaw(app.url, COMPLETION_PATH, body);
  expect(raw.status).toBe(422);
  expect(JSON.parse(raw.text).detail[0].loc.slice(0, 5)).toEqual([
    "body",
    "llm_configuration",
    "model_params",
    "response_format",
    "json_schema",
  ]);
});

test("every other JSON route refuses 200,000 levels with a 422, never a 5xx", async () => {
  for (const [method, route, text] of [
    ["POST", "/api/parea/v1/project", `{"name": "p", "x": ${DEEP}}`],
    ["POST", "/api/parea/v1/deployed-prompt", `{"deployment_id": "p-x", "llm_inputs": {"x": ${DEEP}}}`],
    ["POST", "/api/deployments", `{"name": "d", "llm_configuration": {"x": ${DEEP}}}`],
    ["PUT", "/api/keys/openai", `{"key": ${DEEP}}`],
    ["POST", "/api/eval-metrics", `{"name": "m", "config": ${DEEP}}`],
    ["POST", "/api/share", `{"request": ${DEEP_OBJECT}}`],
  ] as const) {
    const response = await fetch(`${app.url}${route}`, {
      method,
      headers: { "content-type": "application/json" },
      body: text,
    });
    expect(response.status, route).toBe(422);
    expect((await response.json()).detail[0].type, route).toBe("too_deep");
  }
  expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
});

const ID_FIELDS = ["trace_id", "parent_trace_id", "root_trace_id", "inference_id", "deployment_id", "experiment_uuid"];

test("ids with CR/LF, control or non-ASCII characters are a 422 on both routes, and forge no log line", async () => {
  for (const field of ID_FIELDS) {
    for (const value of ["x\r\n[run] FORGED-LINE openai/gpt-4o success", "caf\u00e9", "tab\tid", "\u202eevil"]) {
      for (const route of [STREAM_PATH, COMPLETION_PATH]) {
        const raw = await postRaw(app.url, route, openaiBody("id-check", { [field]: value }));
        expect(raw.status, `${field}=${JSON.stringify(value)} on ${route}`).toBe(422);
        expect(JSON.parse(raw.text).detail[0].loc).toEqual(["body", field]);
      }
    }
  }
  const ok = await postRaw(app.url, STREAM_PATH, openaiBody("id-check", { trace_id: "ok-1.2:3_x" }));
  expect(ok.headers["x-trace-id"]).toBe("ok-1.2:3_x");
  expect(app.output()).not.toMatch(/^\[run\] FORGED-LINE/m);
});

test("caller data in a log line (a model name with CR/LF) is escaped, not a second line", async () => {
  // Provider model ids are checked before they reach a URL (a 422), so the local provider, whose model name is only a
  // file name, is the one that still carries caller text into the run's log line.
  const forged = "gpt\r\n[run] FORGED-MODEL openai/x success";
  const refused = await postRaw(app.url, COMPLETION_PATH, openaiBody(forged));
  expect(refused.status).toBe(422);
  const raw = await postRaw(app.url, COMPLETION_PATH, {
    llm_configuration: { provider: "local", model: forged, messages: [{ role: "user", content: "hi" }] },
  });
  expect(raw.status).toBeLessThan(500);
  await expect.poll(() => app.output()).toContain("[run] FORGED-MODEL");
  expect(app.output()).not.toMatch(/^\[run\] FORGED-MODEL/m);
  expect(app.output()).toContain("gpt\\u000d\\u000a[run] FORGED-MODEL");
});
