import { expect, TEST_KEY, test, uniqueMarker } from "../fixtures";

const MARKER = "MARKER-1234567890";

test("a key kept in memory never reaches the URL, storage, the editor or an export", async ({
  playground,
  upstream,
}) => {
  const { page } = playground;
  const marker = uniqueMarker("keys");
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, marker);
  await playground.run();
  await playground.waitForRunEnd("done");
  await expect(playground.transcript).toContainText(`Echo: ${marker}`);

  // It was used: the provider got it as its bearer token.
  const [request] = await upstream.requestsContaining(marker);
  expect(request?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);

  expect(page.url()).not.toContain(MARKER);
  const storage = await playground.localStorageDump();
  expect(JSON.stringify(storage)).not.toContain(MARKER);
  expect(await playground.jsonText()).not.toContain(MARKER);
  expect(await playground.exportJson()).not.toContain(MARKER);

  // Memory only: gone after a reload.
  await page.reload();
  await page.getByTestId("keys-button").click();
  await expect(page.getByTestId("key-input-openai")).toHaveValue("");
});

test("'Remember on this device' keeps the key under the key store only", async ({ playground }) => {
  const { page } = playground;
  await playground.setKey("openai", TEST_KEY, { remember: true });
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, "remembered");
  await page.waitForTimeout(500); // let the draft autosave

  const storage = await playground.localStorageDump();
  const holding = Object.keys(storage).filter((key) => storage[key]?.includes(MARKER));
  expect(holding).toEqual(["llm-playground.keys.v1"]);
  expect(storage["llm-playground.draft.v1"]).toContain("remembered");
  expect(await playground.exportJson()).not.toContain(MARKER);

  await page.reload();
  await page.getByTestId("keys-button").click();
  await expect(page.getByTestId("key-input-openai")).toHaveValue(TEST_KEY);

  // Unticking forgets it on the device.
  await page.getByTestId("remember-keys").uncheck();
  expect(JSON.stringify(await playground.localStorageDump())).not.toContain(MARKER);
});

test("a key typed into the JSON editor is refused, never kept", async ({ playground }) => {
  await playground.replaceJson(
    `{"llm_configuration": {"provider": "openai", "model": "gpt-4o-mini"}, "provider_api_key": "${TEST_KEY}"}`,
  );
  await expect(playground.jsonErrors).toContainText(/Keys dialog/);
  await expect(playground.modelInput).toHaveValue("gpt-4o-mini");
  await playground.page.waitForTimeout(500);
  expect(JSON.stringify(await playground.localStorageDump())).not.toContain(MARKER);
  expect(await playground.exportJson()).not.toContain(MARKER);
});
