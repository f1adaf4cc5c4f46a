import { expect, TEST_KEY, test, uniqueMarker } from "../fixtures";

const DRAFT_KEY = "llm-playground.draft.v1";

test("a playground run shows on /logs: search and status filters in the URL, detail, trace, open in playground", async ({
  playground,
  request,
}) => {
  test.setTimeout(60_000); // many steps, each short
  const { page } = playground;
  const marker = uniqueMarker("logs");
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, marker);
  await playground.run();
  await playground.waitForRunEnd("done");

  // The top nav leads to the logs; the search box filters them (kept in the URL).
  await page.getByTestId("nav-logs").click();
  await expect(page).toHaveURL(/\/logs$/);
  await page.getByTestId("log-filter-search").fill(marker);
  await page.getByTestId("log-filter-search").press("Enter");
  await expect(page).toHaveURL(new RegExp(`search=${marker}`));
  const rows = page.getByTestId("log-row");
  // The log is written just after the stream's last byte: refresh until it is there.
  await expect(async () => {
    await page.getByTestId("logs-refresh").click();
    await expect(rows).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(rows.first().getByTestId("log-input")).toContainText(marker);
  await expect(rows.first().getByTestId("log-output")).toContainText(`Echo: ${marker}`);
  await expect(page.getByTestId("log-total-requests")).toHaveText("1");
  await expect(page.getByTestId("chart-requests")).toBeVisible();
  await expect(page.getByTestId("chart-latency")).toBeVisible();
  const traceId = (await rows.first().getAttribute("data-trace-id")) as string;

  // Status filter: no error carries the marker; success does. Both survive a reload (they are in the URL).
  await page.getByTestId("log-filter-status").selectOption("error");
  await expect(page).toHaveURL(/status=error/);
  await expect(page.getByTestId("logs-empty")).toBeVisible();
  await page.getByTestId("log-filter-status").selectOption("success");
  await page.reload();
  await expect(page.getByTestId("log-filter-search")).toHaveValue(marker);
  await expect(page.getByTestId("log-filter-status")).toHaveValue("success");
  await expect(rows).toHaveCount(1);

  // A child run of that trace (as an SDK would log a nested call), so the trace has a tree.
  const childMarker = `${marker}-child`;
  const child = await request.post("/api/parea/v1/completion", {
    data: {
      provider_api_key: TEST_KEY,
      parent_trace_id: traceId,
      root_trace_id: traceId,
      trace_name: "nested call",
      llm_configuration: {
        provider: "openai",
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: childMarker }],
      },
    },
  });
  expect(child.status()).toBe(200);

  // Detail: request, output, metrics, trace.
  await rows.first().click();
  await expect(page).toHaveURL(new RegExp(`/logs/${traceId}$`));
  const detail = page.getByTestId("log-detail");
  await expect(detail).toHaveAttribute("data-trace-id", traceId);
  await expect(page.getByTestId("log-request-message-0")).toHaveText(marker);
  await expect(page.getByTestId("log-output-text")).toContainText(`Echo: ${marker}`);
  await expect(page.getByTestId("log-metric-model")).toHaveText("gpt-4o-mini");
  await expect(page.getByTestId("log-metric-provider")).toHaveText("openai");
  await expect(page.getByTestId("log-request-json")).not.toContainText(TEST_KEY, { useInnerText: false });
  const tree = page.getByTestId("trace-tree");
  await expect(async () => {
    await page.reload();
    await expect(tree.getByTestId("trace-node")).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(tree.locator(`[data-trace-id="${traceId}"]`)).toHaveAttribute("aria-current", "page");

  // The trace is clickable: the child's page, then back up to its parent.
  await tree.getByText("nested call").click();
  await expect(page.getByTestId("log-title")).toHaveText("nested call");
  await expect(page.getByTestId("log-request-message-0")).toHaveText(childMarker);
  await page.getByTestId("trace-tree").locator(`[data-trace-id="${traceId}"]`).click();
  await expect(page.getByTestId("log-detail")).toHaveAttribute("data-trace-id", traceId);

  // Compare: the logged request joins the compare view as a column (after the two it opens with).
  await page.getByTestId("open-in-compare").click();
  await expect(page).toHaveURL(/\/compare$/);
  await expect(page.getByTestId("compare-column-2")).toBeVisible();
  await expect(page.getByTestId("compare-model-2")).toHaveValue("gpt-4o-mini");
  await page.goBack();
  await expect(page.getByTestId("log-detail")).toHaveAttribute("data-trace-id", traceId);

  // Open in playground: the logged request becomes the draft (the saved draft is emptied first to prove it).
  await page.getByTestId("trace-tree").getByText("nested call").click();
  await expect(page.getByTestId("log-request-message-0")).toHaveText(childMarker);
  await page.evaluate((key) => localStorage.removeItem(key), DRAFT_KEY);
  await page.getByTestId("open-in-playground").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(playground.messageContent(0)).toHaveValue(childMarker);
  await expect(playground.providerSelect).toHaveValue("openai");
  await expect(playground.modelInput).toHaveValue("gpt-4o-mini");
  expect(await playground.jsonText()).not.toContain("trace_id");
  expect(JSON.stringify(await playground.localStorageDump())).not.toContain(TEST_KEY);
});

test("'Load more' pages through the filtered logs; the range is kept in the URL", async ({ page, request }) => {
  const project = uniqueMarker("logs-paging");
  for (let index = 0; index < 3; index++) {
    const response = await request.post("/api/parea/v1/completion", {
      data: {
        provider_api_key: TEST_KEY,
        project_name: project,
        llm_configuration: {
          provider: "openai",
          model: "gpt-4o-mini",
          messages: [{ role: "user", content: `${project} ${index}` }],
        },
      },
    });
    expect(response.status()).toBe(200);
  }
  // Two per page: two rows, then "Load more" brings the third and the end of the list.
  await page.goto(`/logs?project=${project}&range=1h&limit=2`);
  await expect(page.getByTestId("log-filter-project")).toHaveValue(project);
  await expect(page.getByTestId("log-filter-range")).toHaveValue("1h");
  await expect(async () => {
    await page.getByTestId("logs-refresh").click();
    await expect(page.getByTestId("logs-load-more")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByTestId("log-row")).toHaveCount(2);
  await page.getByTestId("logs-load-more").click();
  await expect(page.getByTestId("log-row")).toHaveCount(3);
  await expect(page.getByTestId("logs-end")).toBeVisible();
  const inputs = await page.getByTestId("log-input").allTextContents();
  expect(inputs).toEqual([`${project} 2`, `${project} 1`, `${project} 0`]);

  // Clearing the filters empties the query string.
  await page.getByTestId("log-filters-clear").click();
  await expect(page).toHaveURL(/\/logs$/);
  await expect(page.getByTestId("log-filter-project")).toHaveValue("");
});

test("the logs page shows the cache's size and clears it; the next identical run calls the provider again", async ({
  page,
}) => {
  // Its own server and data dir: clearing the shared server's cache would race the store specs running beside it.
  const { startAppInstance } = await import("../api/app-instance");
  const { openaiBody, parseStream, postRaw, STREAM_PATH } = await import("../api/support");
  const path = await import("node:path");
  const app = await startAppInstance({
    DATA_DIR: path.join(process.env.E2E_DATA_DIR ?? "", `cache-${Date.now()}`),
    LOCAL_PREWARM: "0",
  });
  try {
    const body = { ...openaiBody(`gpt-4o-mini-cache-ui-${Date.now()}`), cache: true };
    await postRaw(app.url, STREAM_PATH, body);
    expect(parseStream(await postRaw(app.url, STREAM_PATH, body)).final.cache_hit).toBe(true);
    await page.goto(`${app.url}/logs`);
    await expect(page.getByTestId("cache-size")).toHaveText("1 cached runs");
    await page.getByTestId("clear-cache-button").click();
    await expect(page.getByTestId("cache-cleared")).toHaveText("Cleared 1 cached runs");
    expect(parseStream(await postRaw(app.url, STREAM_PATH, body)).final.cache_hit).toBe(false);
  } finally {
    await app.stop();
  }
});
