import { expect, type PlaygroundPage, TEST_KEY, test, type Upstream, uniqueMarker } from "../fixtures";

async function startSlowRun(playground: PlaygroundPage, marker: string) {
  await playground.setKey("openai", TEST_KEY);
  // 50 tokens 60 ms apart: ~3 s, so the run is surely still going when the test stops it.
  await playground.chooseModel("openai", "test-slow-60");
  await playground.setMessage(0, marker);
  await playground.run();
  await expect(playground.transcript).toContainText("Echo");
}

async function expectStoppedEarly(playground: PlaygroundPage, upstream: Upstream, marker: string) {
  await playground.waitForRunEnd("stopped");
  const stoppedAt = await playground.transcript.textContent();
  await playground.page.waitForTimeout(400); // several more tokens' worth
  await expect(playground.transcript).toHaveText(stoppedAt ?? "");

  // The app cancelled the provider call: the test upstream saw its client go away mid-stream.
  const [request] = await upstream.requestsContaining(marker);
  expect(request).toBeDefined();
  await expect.poll(() => upstream.eventsFor(request?.id ?? -1)).toContain("closed-early");
}

test("Stop aborts the stream and the provider call", async ({ playground, upstream }) => {
  const marker = uniqueMarker("stop-button");
  await startSlowRun(playground, marker);
  await playground.stopButton.click();
  await expectStoppedEarly(playground, upstream, marker);
  await expect(playground.runButton).toBeEnabled();
});

test("Escape stops a run too", async ({ playground, upstream }) => {
  const marker = uniqueMarker("stop-escape");
  await startSlowRun(playground, marker);
  await playground.page.keyboard.press("Escape");
  await expectStoppedEarly(playground, upstream, marker);
});
