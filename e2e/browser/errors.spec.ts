import { expect, TEST_KEY, test } from "../fixtures";

test("a missing key says so and offers to add one; nothing typed is lost", async ({ playground }) => {
  const { page } = playground;
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, "Needs a key");

  await playground.run();
  await playground.waitForRunEnd("error");
  await expect(playground.runError).toContainText(/key/i);
  const addKey = page.getByTestId("run-error-add-key");
  await expect(addKey).toHaveText("Add a key for OpenAI");
  await expect(playground.messageContent(0)).toHaveValue("Needs a key");
  await expect(playground.modelInput).toHaveValue("gpt-4o-mini");

  await addKey.click();
  await expect(page.getByTestId("keys-dialog")).toBeVisible();
  await expect(page.getByTestId("key-input-openai")).toBeFocused();
  await page.keyboard.type(TEST_KEY);
  await page.getByTestId("keys-done").click();
  await page.getByTestId("run-button").click();
  await playground.waitForRunEnd("done");
  await expect(playground.transcript).toContainText("Echo: Needs a key.");
});

test("a rate limit says to wait and retry", async ({ playground }) => {
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "error-429");
  await playground.setMessage(0, "Too many");
  await playground.run();
  await playground.waitForRunEnd("error");
  await expect(playground.runError).toContainText(/rate limit/i);
  await expect(playground.page.getByTestId("run-error-hint")).toContainText(/wait/i);
  await expect(playground.page.getByTestId("run-error-retry")).toBeVisible();
  await expect(playground.messageContent(0)).toHaveValue("Too many");
});

test("an unknown model says to check the model name", async ({ playground }) => {
  const { page } = playground;
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "error-404");
  await playground.run();
  await playground.waitForRunEnd("error");
  await expect(page.getByTestId("run-error-title")).toHaveText(/model not found/i);
  await expect(page.getByTestId("run-error-hint")).toContainText(/check the model name/i);
  await page.getByTestId("run-error-check-model").click();
  await expect(playground.modelInput).toBeFocused();
  await expect(playground.modelInput).toHaveValue("error-404");
});

test("invalid JSON in the editor is shown inline and the form keeps its values", async ({ playground }) => {
  const { page } = playground;
  await playground.setMessage(0, "Keep me");
  await expect.poll(() => playground.jsonText()).toContain("Keep me");

  await playground.jsonEditor.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText(", oops");
  await expect(playground.jsonErrors).toContainText(/Invalid JSON/);
  await expect(page.getByTestId("json-status")).toHaveText(/problem/);
  await expect(playground.messageContent(0)).toHaveValue("Keep me");
  await expect(playground.providerSelect).toHaveValue("local");
  await expect(playground.modelInput).toHaveValue("stories260K.gguf");

  // What would be sent (and exported) is still the last valid request.
  const exported = JSON.parse(await playground.exportJson());
  expect(exported.llm_configuration.messages).toEqual([{ role: "user", content: "Keep me" }]);

  // Deleting the stray text repairs it.
  await playground.jsonEditor.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+End");
  for (let count = 0; count < ", oops".length; count++) await page.keyboard.press("Backspace");
  await expect(page.getByTestId("json-status")).toHaveText("valid");
  await expect(playground.jsonErrors).toBeHidden();
});

test("a reload brings the draft back", async ({ playground }) => {
  const { page } = playground;
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, "Survives a reload");
  await page.getByTestId("add-message").click();
  await expect(playground.messageContent(1)).toBeFocused();
  await page.keyboard.type("And the second one");
  await page.waitForTimeout(500); // autosave is debounced

  await page.reload();
  await expect(playground.messageContent(0)).toHaveValue("Survives a reload");
  await expect(playground.messageContent(1)).toHaveValue("And the second one");
  await expect(playground.modelInput).toHaveValue("gpt-4o-mini");

  // New (after confirming) goes back to the defaults.
  await page.getByTestId("new-draft").click();
  await page.getByTestId("confirm-new-confirm").click();
  await expect(playground.messageContent(0)).toHaveValue("Once upon a time");
  await expect(playground.messageContent(1)).toHaveCount(0);
});
