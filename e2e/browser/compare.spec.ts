import { ComparePage, expect, TEST_KEY, test, uniqueMarker } from "../fixtures";

test.use({ viewport: { width: 1600, height: 1100 } });

/** Sets the playground draft (the compare view's shared request), then goes to /compare by its link. */
async function compareFromPlayground(
  playground: import("../fixtures").PlaygroundPage,
  model: string,
  marker: string,
): Promise<ComparePage> {
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", model);
  await playground.setMessage(0, marker);
  // A client-side navigation: the key held in this tab's memory comes along.
  await playground.page.getByTestId("nav-compare").click();
  const compare = new ComparePage(playground.page);
  await expect(compare.column(1)).toBeVisible();
  return compare;
}

/** Watches every column frame by frame until all settle: which were seen streaming before the first finished. */
async function watchColumns(compare: ComparePage, count: number) {
  return compare.page.evaluate(async (columns) => {
    const indexes = [...Array(columns).keys()];
    const seen = indexes.map(() => false);
    let seenWhenFirstDone: boolean[] | undefined;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const statuses = indexes.map((i) =>
        document.querySelector(`[data-testid="compare-column-${i}"]`)?.getAttribute("data-status"),
      );
      const texts = indexes.map(
        (i) => document.querySelector(`[data-testid="compare-output-${i}"]`)?.textContent?.length ?? 0,
      );
      statuses.forEach((status, i) => {
        if (status === "running" && (texts[i] ?? 0) > 0) seen[i] = true;
      });
      if (!seenWhenFirstDone && statuses.some((status) => status === "done")) seenWhenFirstDone = [...seen];
      if (statuses.every((status) => status === "done" || status === "stopped" || status === "error")) break;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return { seen, seenWhenFirstDone };
  }, count);
}

test("four columns stream at the same time, then diff against the baseline", async ({ playground, upstream }) => {
  const marker = uniqueMarker("compare");
  const compare = await compareFromPlayground(playground, "test-slow", marker);
  const { page } = compare;
  await compare.addColumns(2);
  await expect(compare.columns).toHaveCount(4);
  // Column C stops early (20 tokens): its output differs from the baseline's.
  await page.getByTestId("compare-max-length-2").fill("20");
  await expect(page.getByTestId("compare-baseline-0")).toBeChecked();

  await page.getByTestId("compare-run-all").click();
  const watched = await watchColumns(compare, 4);
  // Every column was seen mid-stream (text, not done) before any of them finished.
  expect(watched.seenWhenFirstDone).toEqual([true, true, true, true]);
  for (const index of [0, 1, 2, 3]) await compare.waitForStatus(index, "done");

  const requests = await upstream.requestsContaining(marker);
  expect(requests).toHaveLength(4);
  const times = requests.map((request) => (request as unknown as { time: number }).time);
  expect(Math.max(...times) - Math.min(...times)).toBeLessThan(500);
  for (const request of requests) expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);

  await expect(compare.output(0)).toContainText(`Echo: ${marker}.`);
  await expect(page.getByTestId("compare-metric-output_tokens-0")).toHaveText("50");
  await expect(page.getByTestId("compare-metric-output_tokens-2")).toHaveText("20");
  await expect(page.getByTestId("compare-metric-time_to_first_token-3")).toHaveText(/\d+ ms|\d\.\d+ s/);

  // The diff: an identical column shows no change, the shorter one shows the words it lacks.
  await page.getByTestId("compare-view-diff-1").click();
  await expect(page.getByTestId("compare-diff-1")).toHaveAttribute("data-changes", "0");
  await page.getByTestId("compare-view-diff-2").click();
  const diff = page.getByTestId("compare-diff-2");
  await expect(diff).toHaveAttribute("data-diff", "words");
  await expect(diff.locator("del").first()).toBeVisible();

  // The chart: a bar per column and metric.
  await expect(page.getByTestId("compare-chart")).toBeVisible();
  const bar = page.getByTestId("compare-bar-output_tokens-2");
  await expect(bar).toHaveAttribute("data-value", "20");
  await expect(page.getByTestId("compare-bar-latency-3")).toHaveAttribute("data-value", /\d/);
});

test("each column has its own Stop; Ctrl+Enter runs all", async ({ playground, upstream }) => {
  const marker = uniqueMarker("compare-stop");
  // 50 tokens 60 ms apart: 3 s, time enough to stop one column mid-stream.
  const compare = await compareFromPlayground(playground, "test-slow-60", marker);
  const { page } = compare;
  await compare.addColumns(1);
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(compare.output(1)).toContainText("Echo");
  await page.getByTestId("compare-stop-1").click();
  await compare.waitForStatus(1, "stopped");
  const stoppedAt = await compare.output(1).textContent();
  await expect(compare.column(0)).toHaveAttribute("data-status", "running");
  await expect(compare.column(2)).toHaveAttribute("data-status", "running");
  await compare.waitForStatus(0, "done");
  await compare.waitForStatus(2, "done");
  await expect(compare.output(1)).toHaveText(stoppedAt ?? "");

  // The provider call of the stopped column was cancelled; the others completed.
  const requests = await upstream.requestsContaining(marker);
  expect(requests).toHaveLength(3);
  await expect
    .poll(async () => (await Promise.all(requests.map((request) => upstream.eventsFor(request.id)))).flat().sort())
    .toEqual(["closed-early", "completed", "completed"]);

  // Stop all stops everything at once.
  await page.getByTestId("compare-run-all").click();
  await expect(compare.output(0)).not.toHaveText("");
  await page.getByTestId("compare-stop-all").click();
  for (const index of [0, 1, 2]) await compare.waitForStatus(index, "stopped");
});

test("a repeated column shows its spread; a whole comparison is shared as one link", async ({
  playground,
  browser,
}) => {
  test.setTimeout(60_000); // three fresh browser contexts, a page load each
  const marker = uniqueMarker("compare-share");
  const compare = await compareFromPlayground(playground, "gpt-4o-mini", marker);
  const { page } = compare;
  await compare.setColumn(1, "anthropic", "claude-test");
  await page.getByTestId("compare-repeat-0").fill("3");
  await page.getByTestId("compare-run-0").click();
  await compare.waitForStatus(0, "done");
  await expect(page.getByTestId("compare-variants-0")).toHaveText(/^3 runs · 1 distinct output/);
  await expect(page.getByTestId("compare-metric-latency-0")).toHaveText(/\d/);

  // Column B diverges on its messages.
  await page.getByTestId("compare-sync-messages-1").uncheck();
  const own = page.getByTestId("compare-own-messages-1");
  await expect(own).toHaveValue(new RegExp(marker));
  await own.fill(JSON.stringify([{ role: "user", content: `Column B only ${marker}` }]));

  await page.getByTestId("compare-share-button").click();
  const link = await page.getByTestId("share-link").inputValue();
  expect(link).toMatch(/\/compare#c1=/);
  expect(link).not.toContain("MARKER-1234567890");

  const context = await browser.newContext({ viewport: { width: 1600, height: 1100 } });
  const recipient = new ComparePage(await context.newPage());
  await recipient.goto(link);
  await expect(recipient.page.getByTestId("share-opened")).toBeVisible();
  await expect(recipient.page.getByTestId("compare-provider-1")).toHaveValue("anthropic");
  await expect(recipient.page.getByTestId("compare-model-1")).toHaveValue("claude-test");
  await expect(recipient.page.getByTestId("compare-repeat-0")).toHaveValue("3");
  await expect(recipient.page.getByTestId("compare-sync-messages-1")).not.toBeChecked();
  await expect(recipient.page.getByTestId("compare-own-messages-1")).toHaveValue(/Column B only/);
  await expect(recipient.page.getByTestId("compare-shared-summary")).toContainText("1 message(s)");
  await context.close();

  // The same comparison as a short link (a snapshot on the server).
  await page.getByTestId("share-create-short").click();
  const short = page.getByTestId("share-short-link");
  await expect(short).toHaveValue(/\/compare\?s=[A-Za-z0-9_-]{22}$/);
  const viaSnapshot = await browser.newContext({ viewport: { width: 1600, height: 1100 } });
  const snapshotPage = new ComparePage(await viaSnapshot.newPage());
  await snapshotPage.goto(await short.inputValue());
  await expect(snapshotPage.page.getByTestId("compare-model-1")).toHaveValue("claude-test");
  await expect(snapshotPage.page.getByTestId("compare-own-messages-1")).toHaveValue(/Column B only/);
  await viaSnapshot.close();

  // A tampered comparison link: a notice, the recipient's own defaults.
  const broken = await browser.newContext();
  const page2 = await broken.newPage();
  await page2.goto(link.slice(0, -10));
  await expect(page2.getByTestId("share-notice")).toBeVisible();
  await expect(page2.getByTestId("compare-column-1")).toBeVisible();
  await broken.close();
});
