import { randomUUID } from "node:crypto";
import { expect, test } from "../fixtures";
import { ensureSdkEnv, runSdkScript } from "../sdk/env";

/** A trace and an experiment made by Parea's Python SDK, seen in the UI. */
test("an SDK trace opens on the logs page with its tree, scores and feedback; its experiment is listed", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await ensureSdkEnv();
  const { result } = await runSdkScript("browser_trace", {
    PAREA_BASE_URL: `${baseURL}/api/parea/v1`,
    PAREA_API_KEY: "e2e-browser-sdk",
    RUN_ID: randomUUID().slice(0, 8),
  });
  const root = String(result.root);

  await page.goto(`/logs/${root}`);
  await expect(page.getByTestId("log-title")).toHaveText("answer_question");
  const nodes = page.getByTestId("trace-tree").getByTestId("trace-node");
  await expect(nodes).toHaveCount(3);
  await expect(nodes.nth(0)).toContainText("answer_question");
  await expect(nodes.nth(1)).toContainText("fetch_context");
  await expect(nodes.nth(2)).toContainText("is_polite");
  await expect(page.getByTestId("log-scores")).toContainText("is_polite");
  await expect(page.getByTestId("log-feedback")).toContainText('"thumbs"');
  await expect(page.getByTestId("log-feedback")).toContainText("0.90");
  await expect(page.getByTestId("log-feedback")).toContainText("great");
  await expect(page.getByTestId("log-inputs")).toContainText('"topic": "tides"');

  await page.goto("/experiments");
  const row = page.locator(`[data-testid="experiment-row"][data-uuid="${result.experiment}"]`);
  await expect(row).toContainText(String(result.experiment_name));
  await expect(row).toContainText("browser-run");
  await expect(row.getByTestId("experiment-status")).toHaveText("completed");
});
