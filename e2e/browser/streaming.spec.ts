import { expect, TEST_KEY, test, uniqueMarker } from "../fixtures";

// The server's first local run loads llama.cpp and the model (about a second, more on a busy machine, where it can
// hit the test server's 3 s upstream timeout). Load it once up front so the UI tests time the UI, not the load.
test.beforeAll(async ({ request }) => {
  await request.post("/api/parea/v1/completion", {
    data: {
      llm_configuration: {
        provider: "local",
        model: "stories260K.gguf",
        messages: [{ role: "user", content: "Once" }],
        model_params: { max_length: 4 },
      },
    },
    timeout: 20_000,
  });
});

test("a run against the test provider streams into the transcript, then shows metrics", async ({ playground }) => {
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "test-slow");
  await playground.setMessage(0, uniqueMarker("stream"));

  await playground.run();
  const lengths = await playground.transcriptLengthsUntilDone();
  await playground.waitForRunEnd("done");

  // 50 tokens 20 ms apart: the text must be seen growing, not appear at once.
  const intermediate = lengths.filter((length) => length > 0 && length < (lengths.at(-1) ?? 0));
  expect(intermediate.length).toBeGreaterThanOrEqual(3);
  await expect(playground.transcript).toContainText("Echo:");

  await expect(playground.metric("output-tokens")).toHaveText("50");
  await expect(playground.metric("ttft")).toHaveText(/\d+(\.\d+)? m?s/);
  await expect(playground.metric("latency")).toHaveText(/\d+(\.\d+)? m?s/);
  await expect(playground.metric("input-tokens")).toHaveText(/^\d+$/);
  await expect(playground.metric("tokens-per-second")).toHaveText(/^\d+(\.\d)?$/);
  await expect(playground.metric("cost")).toHaveText(/^\$\d/);
  await expect(playground.metric("cache-hit")).toHaveText("miss");
});

test("the local model runs without a key", async ({ playground }) => {
  // The defaults: provider local, stories260K.gguf, "Once upon a time", max 64 tokens.
  await expect(playground.providerSelect).toHaveValue("local");
  await expect(playground.modelInput).toHaveValue("stories260K.gguf");
  await playground.setTemperature(0);

  await playground.run();
  await playground.waitForRunEnd("done");
  await expect(playground.transcript).toHaveText(/^, there was a little girl named Lily/);
  await expect(playground.metric("output-tokens")).toHaveText(/^\d+$/);
  await expect(playground.metric("cost")).toHaveText("$0.00");
});

test("Ctrl+Enter runs and the output survives a reload", async ({ playground }) => {
  const { page } = playground;
  await playground.setTemperature(0);
  await playground.messageContent(0).click();
  await page.keyboard.press("ControlOrMeta+Enter");
  await playground.waitForRunEnd("done");
  const text = await playground.transcript.textContent();
  expect(text).toMatch(/Lily/);

  await page.reload();
  await expect(playground.transcript).toHaveText(text ?? "");
  await expect(playground.metric("output-tokens")).toHaveText(/^\d+$/);
});
