import { expect, TEST_KEY, test, uniqueMarker } from "../fixtures";

const DRAFT_KEY = "llm-playground.draft.v1";

test("deploy from the playground, see it on /deployments, open it in the playground", async ({ playground }) => {
  test.setTimeout(60_000); // many steps, each short
  const { page } = playground;
  const marker = uniqueMarker("deploy");
  const name = `prompt-${marker}`;
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, marker);
  await playground.setTemperature(0.4);

  // Deploy: a name, then the id, a copy button and a curl snippet that uses it (the key only as an env variable).
  await page.getByTestId("deploy-button").click();
  const dialog = page.getByTestId("deploy-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("deploy-submit")).toBeDisabled();
  await dialog.getByTestId("deploy-name").fill(name);
  await dialog.getByTestId("deploy-submit").click();
  await expect(dialog.getByTestId("deploy-result")).toBeVisible();
  await expect(dialog.getByTestId("deploy-version")).toHaveText("1");
  const deploymentId = (await dialog.getByTestId("deploy-id").textContent()) ?? "";
  expect(deploymentId).toMatch(/^p-[A-Za-z0-9_-]{21}$/);
  await expect(dialog.getByTestId("deploy-copy-id")).toBeVisible();
  const curl = dialog.getByTestId("deploy-curl");
  await expect(curl).toContainText(`"deployment_id": "${deploymentId}"`);
  await expect(curl).toContainText("/api/parea/v1/completion/stream");
  await expect(curl).toContainText("$OPENAI_API_KEY");
  await expect(curl).not.toContainText(TEST_KEY);
  await dialog.getByTestId("deploy-done").click();
  await expect(dialog).toBeHidden();

  // The same name again is version 2.
  await playground.setMessage(0, `${marker} v2`);
  await page.getByTestId("deploy-button").click();
  await dialog.getByTestId("deploy-name").fill(name);
  await dialog.getByTestId("deploy-name").press("Enter");
  await expect(dialog.getByTestId("deploy-version")).toHaveText("2");
  await dialog.getByTestId("deploy-view-all").click();

  // /deployments: the prompt with both versions, newest first.
  await expect(page).toHaveURL(/\/deployments$/);
  const card = page.locator(`[data-testid="prompt-card"][data-name="${name}"]`);
  await expect(card.getByTestId("deployment-version")).toHaveText(["v2", "v1"]);
  const first = card.locator(`[data-testid="deployment-row"][data-deployment-id="${deploymentId}"]`);
  await expect(first.getByTestId("deployment-id")).toHaveText(deploymentId);
  await expect(first).toContainText("gpt-4o-mini");
  expect(await page.content()).not.toContain(TEST_KEY);

  // Open version 1: its configuration becomes the playground's draft.
  await page.evaluate((key) => localStorage.removeItem(key), DRAFT_KEY);
  await first.getByTestId("open-deployment").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(playground.messageContent(0)).toHaveValue(marker);
  await expect(playground.modelInput).toHaveValue("gpt-4o-mini");
  await expect(page.getByTestId("param-temp")).toHaveValue("0.4");
});

test("saved keys: save on the server from the keys dialog, see the masked hint, delete it", async ({ playground }) => {
  const { page } = playground;
  // An access key of its own: saved keys belong to the caller's identity (here open mode hashes this header).
  const key = `sk-test-saved-${uniqueMarker("k")}-0123456789`;
  await page.getByTestId("keys-button").click();
  const dialog = page.getByTestId("keys-dialog");
  await dialog.getByTestId("access-key-input").fill(uniqueMarker("identity"));
  await dialog.getByTestId("key-input-openai").fill(key);
  const save = dialog.getByTestId("server-key-save-openai");
  await expect(save).toHaveText("Save on server (encrypted)");
  await save.click();
  const hint = dialog.getByTestId("server-key-hint-openai");
  await expect(hint).toContainText(`…${key.slice(-4)}`);
  await expect(hint).not.toContainText(key);
  await dialog.getByTestId("server-key-delete-openai").click();
  await expect(hint).toBeHidden();
  await expect(save).toBeVisible();
});
