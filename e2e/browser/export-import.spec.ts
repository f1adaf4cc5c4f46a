import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, TEST_KEY, test, uniqueMarker } from "../fixtures";

const run = promisify(execFile);
const KEY_MARKER = "MARKER-1234567890";

test("the exported curl command streams from the server, its key from the environment", async ({
  playground,
  upstream,
}) => {
  const marker = uniqueMarker("curl");
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, marker);
  const code = await playground.exportedCode("curl");
  expect(code).toMatch(/^curl --no-buffer --request POST/);
  expect(code).toContain('--header "x-user-id: $PLAYGROUND_API_KEY"');
  expect(code).toContain('"provider_api_key": "\'"$OPENAI_API_KEY"\'"');
  expect(code).not.toContain(KEY_MARKER);

  const { stdout } = await run("bash", ["-c", code], {
    env: { ...process.env, OPENAI_API_KEY: TEST_KEY, PLAYGROUND_API_KEY: "" },
    timeout: 20_000,
  });
  expect(stdout).toMatch(/^data: ID_START\S+\r?\n/);
  expect(stdout).toContain('"done":true');
  expect(stdout).toContain(`"content":"Echo: ${marker}.`);
  const [request] = await upstream.requestsContaining(marker);
  expect(request?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
});

test("the exported fetch snippet runs under Node as an ES module", async ({ playground, upstream }) => {
  const marker = uniqueMarker("fetch");
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, `{{greeting}} ${marker}`);
  await playground.page.getByTestId("template-input-greeting").fill("Hello");
  const code = await playground.exportedCode("fetch");
  expect(code).toContain("process.env.OPENAI_API_KEY");
  expect(code).not.toContain(KEY_MARKER);

  const file = path.join(mkdtempSync(path.join(tmpdir(), "export-")), "run.mjs");
  writeFileSync(file, code);
  const { stdout } = await run(process.execPath, [file], {
    env: { ...process.env, OPENAI_API_KEY: TEST_KEY },
    timeout: 20_000,
  });
  expect(stdout).toContain(`Echo: Hello ${marker}.`);
  expect(stdout).toMatch(/\d+ tokens in [\d.]+ s/);
  expect(await upstream.requestsContaining(marker)).toHaveLength(1);

  // The other exports are there too, keys as placeholders.
  const python = await playground.exportedCode("python");
  expect(python).toContain("PAREA_BASE_URL");
  expect(python).toContain("p.stream(completion)");
  const direct = await playground.exportedCode("provider-sdk");
  expect(direct).toContain("client.chat.completions.create(");
  expect(direct).toContain("apiKey: process.env.OPENAI_API_KEY");
});

const OPENAI_CURL = `curl https://api.openai.com/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer $OPENAI_API_KEY" \\
  -d '{
    "model": "gpt-4o",
    "messages": [
      {"role": "system", "content": "You are terse."},
      {"role": "user", "content": "What is the weather in Paris?"}
    ],
    "temperature": 0.2,
    "max_tokens": 256,
    "n": 2,
    "logprobs": true,
    "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Current weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
    "tool_choice": "required"
  }'`;

test("importing an OpenAI curl command fills the form and reports what it ignored", async ({ playground }) => {
  const { page } = playground;
  await playground.importText(OPENAI_CURL, { apply: false });
  await expect(page.getByTestId("import-summary")).toContainText("OpenAI curl command");
  await expect(page.getByTestId("import-ignored")).toHaveText("Ignored (no equivalent): n, logprobs");
  await expect(page.getByTestId("import-note")).toContainText("not imported");
  await page.getByTestId("import-apply").click();

  await expect(playground.providerSelect).toHaveValue("openai");
  await expect(playground.modelInput).toHaveValue("gpt-4o");
  await expect(playground.messageRole(0)).toHaveValue("system");
  await expect(playground.messageContent(0)).toHaveValue("You are terse.");
  await expect(playground.messageRole(1)).toHaveValue("user");
  await expect(playground.messageContent(1)).toHaveValue("What is the weather in Paris?");
  await expect(page.getByTestId("param-temp")).toHaveValue("0.2");
  await expect(page.getByTestId("param-max-length")).toHaveValue("256");
  await expect(page.getByTestId("function-name-0")).toHaveValue("get_weather");
  await expect(page.getByTestId("function-description-0")).toHaveValue("Current weather");
  await expect(page.getByTestId("function-call-select")).toHaveValue("required");
  await expect(page.getByTestId("import-notice")).toContainText("Ignored: n, logprobs");

  const exported = JSON.parse(await playground.exportJson());
  expect(exported.llm_configuration.functions[0].parameters.required).toEqual(["city"]);
  expect(JSON.stringify(exported)).not.toContain("OPENAI_API_KEY");

  // Undo puts the previous request back.
  await page.getByTestId("import-undo").click();
  await expect(playground.providerSelect).toHaveValue("local");
});

test("every run lands in the history, which reopens it", async ({ playground }) => {
  const { page } = playground;
  const marker = uniqueMarker("history");
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, marker);
  await playground.run();
  await playground.waitForRunEnd("done");

  await page.getByTestId("new-draft").click();
  await page.getByTestId("confirm-new-confirm").click();
  await expect(playground.providerSelect).toHaveValue("local");

  await page.getByTestId("history-button").click();
  await page.getByTestId("history-search").fill(`${marker} gpt-4o-mini`);
  await expect(page.getByTestId("history-output-0")).toContainText(`Echo: ${marker}.`);
  await page.getByTestId("history-open-0").click();
  await expect(playground.providerSelect).toHaveValue("openai");
  await expect(playground.messageContent(0)).toHaveValue(marker);
  await expect(playground.transcript).toContainText(`Echo: ${marker}.`);
  await expect(playground.metric("output-tokens")).toHaveText(/^\d+$/);
  expect(JSON.stringify(await playground.localStorageDump())).not.toContain(KEY_MARKER);

  // Sent to the compare view, it becomes a column.
  await page.getByTestId("history-button").click();
  await page.getByTestId("history-search").fill(marker);
  await page.getByTestId("history-compare-0").click();
  await expect(page).toHaveURL(/\/compare$/);
  await expect(page.getByTestId("compare-column-2")).toBeVisible();
  await expect(page.getByTestId("compare-model-2")).toHaveValue("gpt-4o-mini");
});
