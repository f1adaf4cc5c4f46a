import type { Browser } from "@playwright/test";
import { encodeRequestFragment } from "@/lib/share/request-link";
import { expect, PlaygroundPage, test, uniqueMarker } from "../fixtures";

/**
 * Issue 9 points 2 and 5: a base URL that arrives with a share link, an import or a deployment is always shown, and
 * the first run names its host and asks first. The base URL is a hostile loopback server that echoes the
 * credentials it receives.
 */
type HostileModule = typeof import("../hostile/server.mjs");
let hostile: Awaited<ReturnType<HostileModule["startHostile"]>>;

test.use({ viewport: { width: 1400, height: 1000 } });
test.describe.configure({ timeout: 60_000 });

test.beforeAll(async () => {
  // Imported dynamically: the module has a top-level await (its CLI entry), which Playwright's require() refuses.
  const module: HostileModule = await import("../hostile/server.mjs");
  hostile = await module.startHostile();
});
test.afterAll(async () => hostile?.close());

const hostOf = () => new URL(hostile.url).host;
const requestsWith = (marker: string) =>
  hostile.requests.filter((request) => JSON.stringify(request.body).includes(marker));

async function openFresh(browser: Browser, url: string): Promise<PlaygroundPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId("request-form")).toBeVisible();
  return new PlaygroundPage(page);
}

/** The base URL is on screen, its host named; Run asks first (Cancel sends nothing), then runs once accepted. */
async function expectAskedBeforeRun(playground: PlaygroundPage, baseUrl: string, marker: string, key: string) {
  const { page } = playground;
  await expect(page.getByTestId("base-url-input")).toBeVisible();
  await expect(page.getByTestId("base-url-input")).toHaveValue(baseUrl);
  await expect(page.getByTestId("base-url-notice")).toContainText(hostOf());

  await page.getByTestId("run-button").click();
  const dialog = page.getByTestId("confirm-base-url");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(hostOf());
  await expect(page.getByTestId("confirm-base-url-value")).toHaveText(baseUrl);
  await page.getByTestId("confirm-base-url-cancel").click();
  await expect(dialog).toBeHidden();
  await expect(playground.runStatus).toHaveAttribute("data-status", "idle");
  expect(requestsWith(marker)).toHaveLength(0);

  await page.getByTestId("run-button").click();
  await page.getByTestId("confirm-base-url-confirm").click();
  await playground.waitForRunEnd("done");
  const [received] = requestsWith(marker);
  expect(JSON.stringify([received?.headers.authorization, received?.headers["x-api-key"]])).toContain(key);

  // Accepted once: the next run does not ask again.
  await playground.run();
  await playground.waitForRunEnd("done");
  await expect(dialog).toBeHidden();
}

test("a share link with a base URL shows the host, and Run asks before sending anything there", async ({ browser }) => {
  const marker = uniqueMarker("share-base-url");
  const baseUrl = `${hostile.url}/echo/v1`;
  const { fragment } = encodeRequestFragment({
    cache: false,
    llm_configuration: {
      provider: "openai",
      model: "gpt-4o-mini",
      base_url: baseUrl,
      messages: [{ role: "user", content: marker }],
    },
  });
  const recipient = await openFresh(browser, `/#${fragment}`);
  await expect(recipient.providerSelect).toHaveValue("openai");
  // Without a key of the recipient's, the key status says the server's key does not go there.
  await expect(recipient.page.getByTestId("provider-key-status")).toContainText("the server's key is not sent there");
  const key = "sk-recipient-share-0001";
  await recipient.setKey("openai", key);
  await expect(recipient.page.getByTestId("provider-key-status")).toContainText(`sent to ${hostOf()}`);
  await expectAskedBeforeRun(recipient, baseUrl, marker, key);
  await recipient.page.context().close();
});

test("an imported curl command with a base URL shows the host, and Run asks first", async ({ playground }) => {
  const marker = uniqueMarker("import-base-url");
  const baseUrl = `${hostile.url}/echo/v1`;
  const curl = `curl ${baseUrl}/messages -H "x-api-key: $ANTHROPIC_API_KEY" -H "content-type: application/json" -d '${JSON.stringify(
    { model: "claude-3-5-haiku-latest", max_tokens: 64, messages: [{ role: "user", content: marker }] },
  )}'`;
  await playground.importText(curl);
  await expect(playground.providerSelect).toHaveValue("anthropic");
  const key = "sk-ant-recipient-import-0002";
  await playground.setKey("anthropic", key);
  await expectAskedBeforeRun(playground, baseUrl, marker, key);
});

test("a deployment's base URL is shown on the deployments page and in the playground, which asks first", async ({
  page,
  request,
}) => {
  const marker = uniqueMarker("deployment-base-url");
  const baseUrl = `${hostile.url}/echo/v1`;
  const created = await request.post("/api/deployments", {
    data: {
      name: `base-url-${marker}`,
      llm_configuration: {
        provider: "openai",
        model: "gpt-4o-mini",
        base_url: baseUrl,
        messages: [{ role: "user", content: marker }],
      },
    },
  });
  expect(created.status()).toBe(201);
  const { deployment_id } = await created.json();

  await page.goto("/deployments");
  const row = page.locator(`[data-testid="deployment-row"][data-deployment-id="${deployment_id}"]`);
  await expect(row.getByTestId("deployment-base-url")).toHaveText(baseUrl);
  await row.getByTestId("open-deployment").click();
  await expect(page.getByTestId("request-form")).toBeVisible();
  const playground = new PlaygroundPage(page);
  const key = "sk-recipient-deployment-0003";
  await playground.setKey("openai", key);
  await expectAskedBeforeRun(playground, baseUrl, marker, key);
});
