import { expect, test } from "@playwright/test";
import { type AppInstance, startAppInstance } from "./app-instance";
import { anthropicBody, MARKER_KEY, openaiBody, parseStream, postRaw, STREAM_PATH } from "./support";

const OPERATOR_KEY = "operator-key-123";
let app: AppInstance;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  app = await startAppInstance({
    PLAYGROUND_API_KEYS: `other-key, ${OPERATOR_KEY}`,
    OPENAI_API_KEY: "sk-operator-env-key-000111",
  });
});
test.afterAll(async () => app?.stop());

test("with operator keys configured, every API route wants one", async ({ request }) => {
  expect(app.output()).toContain("API auth on");
  for (const [path, body] of [
    [STREAM_PATH, openaiBody("gpt-4o-mini")],
    ["/api/parea/v1/completion", openaiBody("gpt-4o-mini")],
    ["/api/parea/v1/project", { name: "p" }],
  ] as const) {
    const anonymous = await request.post(`${app.url}${path}`, { data: body });
    expect(anonymous.status(), path).toBe(401);
    expect((await anonymous.json()).error.type).toBe("unauthorized");
    const wrong = await request.post(`${app.url}${path}`, { data: body, headers: { "x-api-key": "nope" } });
    expect(wrong.status(), path).toBe(401);
  }
  const bySdkHeader = await request.post(`${app.url}/api/parea/v1/project`, {
    data: { name: "p" },
    headers: { "x-api-key": OPERATOR_KEY },
  });
  expect(bySdkHeader.status()).toBe(200);
  const bySeedHeader = await postRaw(app.url, STREAM_PATH, openaiBody("gpt-4o-mini"), { "x-user-id": OPERATOR_KEY });
  expect(parseStream(bySeedHeader).final.status).toBe("success");
});

test("without provider_api_key the operator's env key is used", async () => {
  const body = openaiBody("gpt-4o-mini-env-key");
  delete (body as { provider_api_key?: string }).provider_api_key;
  const raw = await postRaw(app.url, STREAM_PATH, body, { "x-api-key": OPERATOR_KEY });
  expect(parseStream(raw).final.status).toBe("success");
});

test("the open app says so in its start-up log", async () => {
  const open = await startAppInstance({});
  try {
    expect(open.output()).toContain("API auth OFF");
  } finally {
    await open.stop();
  }
});

test("a key never reaches the server's log, whatever happens to the run", async () => {
  const headers = { "x-api-key": OPERATOR_KEY };
  for (const model of ["gpt-4o-mini", "error-401", "error-500", "cut", "malformed", "model-not-found"]) {
    await postRaw(app.url, STREAM_PATH, openaiBody(model), headers);
    await postRaw(app.url, STREAM_PATH, anthropicBody(model), headers);
  }
  await postRaw(app.url, STREAM_PATH, { ...openaiBody("x"), llm_configuration: "broken" }, headers);
  await postRaw(
    app.url,
    STREAM_PATH,
    { ...openaiBody("gpt-4o-mini"), provider_api_key: "sk-invalid-MARKER-abc1" },
    headers,
  );
  const output = app.output();
  expect(output).toContain("[run]");
  expect(output).not.toContain(MARKER_KEY);
  expect(output).not.toContain("MARKER");
  expect(output).not.toContain("sk-operator-env-key");
});
