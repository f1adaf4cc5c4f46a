import { expect, test } from "../fixtures";

// Tall enough for Monaco to render every line of these requests (it only renders what is visible).
test.use({ viewport: { width: 1280, height: 1400 } });

test("the form shows in the JSON editor as you type", async ({ playground }) => {
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, "Hello from the form");
  await playground.setTemperature(0.3);
  await playground.page.getByTestId("add-message").click();
  await expect(playground.messageContent(1)).toBeFocused();
  await playground.page.keyboard.type("Second turn");

  await expect.poll(() => playground.jsonText()).toMatch(/"role": "assistant",\s*"content": "Second turn"/);
  const text = await playground.jsonText();
  expect(text).toContain('"model": "gpt-4o-mini"');
  expect(text).toContain('"content": "Hello from the form"');
  expect(text).toContain('"temp": 0.3');
  expect(text).not.toContain('"functions"');
});

test("an edit in the JSON editor shows in the form, and unknown fields survive both ways", async ({ playground }) => {
  const { page } = playground;
  await playground.replaceJson(
    '{"llm_configuration": {"provider": "anthropic", "model": "claude-x", "messages": [{"role": "system", "content": "Be brief"}, {"role": "user", "content": "From JSON"}], "model_params": {"temp": 0.5, "x_param": true}}, "x_custom": 1}',
  );

  await expect(playground.providerSelect).toHaveValue("anthropic");
  await expect(playground.modelInput).toHaveValue("claude-x");
  await expect(playground.messageRole(0)).toHaveValue("system");
  await expect(playground.messageContent(0)).toHaveValue("Be brief");
  await expect(playground.messageContent(1)).toHaveValue("From JSON");
  await expect(page.getByTestId("param-temp")).toHaveValue("0.5");
  await expect(page.getByTestId("json-status")).toHaveText("valid");

  // Back the other way: a form edit rewrites the JSON, keeping the fields the form does not know.
  await playground.setMessage(1, "Edited in the form");
  await page.getByTestId("message-move-up-1").click();
  await expect.poll(() => playground.jsonText()).toMatch(/"content": "Edited in the form"[\s\S]*"content": "Be brief"/);
  const text = await playground.jsonText();
  expect(text).toContain('"x_custom": 1');
  expect(text).toContain('"x_param": true');

  const exported = JSON.parse(await playground.exportJson());
  expect(exported.x_custom).toBe(1);
  expect(exported.llm_configuration.model_params.x_param).toBe(true);
  expect(exported.llm_configuration.messages[0]).toEqual({ role: "user", content: "Edited in the form" });
});

test("schema errors are marked in the editor and never reach the form", async ({ playground }) => {
  await playground.replaceJson(
    '{"llm_configuration": {"provider": "openai", "model": "m", "model_params": {"temp": 7}}}',
  );
  await expect(playground.jsonErrors).toContainText("llm_configuration.model_params.temp");
  await expect(playground.page.getByTestId("json-status")).toHaveText(/1 problem/);
  await expect(playground.jsonEditor.locator(".squiggly-error").first()).toBeVisible();
  // The form still holds the last valid request.
  await expect(playground.providerSelect).toHaveValue("local");
  await expect(playground.messageContent(0)).toHaveValue("Once upon a time");
});
