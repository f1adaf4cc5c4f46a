import type { Browser } from "@playwright/test";
import { decompressFromEncodedURIComponent } from "lz-string";
import { expect, PlaygroundPage, TEST_KEY, test, type Upstream, uniqueMarker } from "../fixtures";

// Tall enough for Monaco to render every line of the request (it only renders what is visible).
test.use({ viewport: { width: 1400, height: 1400 } });
// Each test opens the link in one or more fresh browser contexts: a whole page load each.
test.describe.configure({ timeout: 60_000 });

const KEY_MARKER = "MARKER-1234567890";

/** A request with every kind of field the form and the schema know. */
function fullRequest(marker: string) {
  return {
    llm_inputs: { city: "Paris", days: 3 },
    llm_configuration: {
      provider: "openai",
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "You are a weather bot. Answer in {{days}} lines." },
        { role: "example_user", content: "Rome?" },
        { role: "example_assistant", content: "Sunny, 24C." },
        { role: "user", content: `Weather in {{city}}? 'quotes' "double" & #hash %20 ünïcode ✓ ${marker}` },
      ],
      functions: [
        {
          name: "get_weather",
          description: "Current weather for a city",
          parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
        },
      ],
      function_call: { name: "get_weather" },
      model_params: {
        temp: 0.4,
        top_p: 0.9,
        frequency_penalty: 0.1,
        presence_penalty: 0.2,
        max_length: 300,
        stop: ["###"],
        seed: 7,
        response_format: {
          type: "json_schema",
          json_schema: { name: "weather", schema: { type: "object", properties: { t: { type: "number" } } } },
        },
      },
    },
    tags: ["share", "round-trip"],
    metadata: { purpose: "share test", nested: { n: 1, ok: true } },
    project_name: "sharing",
    trace_name: "shared trace",
    target: "sunny",
    end_user_identifier: "tester@example.com",
    cache: false,
    log_omit_inputs: true,
    log_sample_rate: 0.5,
  };
}

/** Opens `url` in a new browser context: no storage, no keys, nothing of the sender's session. */
async function openFresh(browser: Browser, url: string, options = { editor: true }): Promise<PlaygroundPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1400 } });
  const page = await context.newPage();
  await page.goto(url);
  const playground = new PlaygroundPage(page);
  await expect(page.getByTestId("request-form")).toBeVisible();
  if (options.editor) await expect(playground.jsonEditor.locator(".view-lines")).toContainText("llm_configuration");
  return playground;
}

async function expectRunWithKey(recipient: PlaygroundPage, upstream: Upstream, marker: string, key: string) {
  await recipient.setKey("openai", key);
  await recipient.run();
  await recipient.waitForRunEnd("done");
  const [request] = await upstream.requestsContaining(marker);
  expect(request?.headers.authorization).toBe(`Bearer ${key}`);
}

test("a shared link opens the same request in a fresh browser, without the sender's key", async ({
  playground,
  browser,
  upstream,
}) => {
  const marker = uniqueMarker("share");
  await playground.setKey("openai", TEST_KEY);
  await playground.replaceJson(JSON.stringify(fullRequest(marker)));
  await expect(playground.providerSelect).toHaveValue("openai");
  await expect(playground.messageContent(3)).toHaveValue(new RegExp(marker));
  const sent = JSON.parse(await playground.exportJson());
  expect(sent).toMatchObject(fullRequest(marker));

  const link = await playground.shareLink();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#r1=[A-Za-z0-9+$-]+$/);
  expect(link).not.toContain(KEY_MARKER);
  const payload = decompressFromEncodedURIComponent(link.split("#r1=")[1] ?? "");
  expect(payload).toContain(marker);
  expect(payload).not.toContain(KEY_MARKER);
  expect(playground.page.url()).not.toContain(KEY_MARKER);

  const recipient = await openFresh(browser, link);
  await expect(recipient.page.getByTestId("share-opened")).toBeVisible();
  // Opening a link runs nothing by itself.
  await expect(recipient.runStatus).toHaveAttribute("data-status", "idle");
  expect(await upstream.requestsContaining(marker)).toHaveLength(0);
  // The link is taken off the address: a reload keeps the recipient's edits.
  expect(recipient.page.url()).not.toContain("#");
  expect(JSON.parse(await recipient.exportJson())).toEqual(sent);

  // The recipient runs it with their own key.
  await expectRunWithKey(recipient, upstream, marker, "sk-recipient-own-1");
  await recipient.page.context().close();
});

test("a tampered or unknown link shows a notice and the defaults, and runs nothing", async ({
  playground,
  browser,
}) => {
  await playground.setMessage(0, "Tamper with me");
  const link = await playground.shareLink();
  const at = link.indexOf("#r1=") + 30;
  const tampered = `${link.slice(0, at)}${link[at] === "Q" ? "R" : "Q"}${link.slice(at + 1)}`;

  for (const url of [
    tampered,
    link.slice(0, -12),
    `${link.split("#")[0]}#r1=not-a-payload`,
    link.replace("#r1=", "#r9="),
  ]) {
    const recipient = await openFresh(browser, url, { editor: false });
    await expect(recipient.page.getByTestId("share-notice")).toBeVisible();
    await expect(recipient.providerSelect).toHaveValue("local");
    await expect(recipient.messageContent(0)).toHaveValue("Once upon a time");
    await expect(recipient.runStatus).toHaveAttribute("data-status", "idle");
    await recipient.page.context().close();
  }
});

test("a request over 8 KB gets a short link that opens the same request", async ({ playground, browser }) => {
  // Random text barely compresses: the fragment link comes out well over 8 KB.
  let long = "";
  while (long.length < 14_000) long += `${Math.random().toString(36).slice(2)} `;
  await playground.setMessage(0, long);
  await playground.setTemperature(0.25);
  const sent = JSON.parse(await playground.exportJson());

  const link = await playground.shareLink();
  expect(link.length).toBeGreaterThan(8 * 1024);
  await expect(playground.page.getByTestId("share-link-size")).toContainText("too long");
  await playground.page.getByTestId("share-create-short").click();
  const short = playground.page.getByTestId("share-short-link");
  await expect(short).toHaveValue(/\/\?s=[A-Za-z0-9_-]{22}$/);
  const shortUrl = await short.inputValue();

  const recipient = await openFresh(browser, shortUrl);
  await expect(recipient.page.getByTestId("share-opened")).toBeVisible();
  expect(JSON.parse(await recipient.exportJson())).toEqual(sent);
  await recipient.page.context().close();

  // An id nobody made is a notice, not a crash.
  const unknown = await openFresh(browser, shortUrl.replace(/s=.{4}/, "s=AAAA"), { editor: false });
  await expect(unknown.page.getByTestId("share-notice")).toContainText("does not exist");
  await unknown.page.context().close();
});

test("a key pasted into a message is caught before sharing", async ({ playground }) => {
  const { page } = playground;
  // Built at run time: no key-shaped literal in the repository.
  const pasted = `sk-proj-${"Ab3De5Gh7Jk9".repeat(4)}`;
  await playground.setMessage(0, `Here is my key ${pasted} oops`);
  await page.getByTestId("share-button").click();
  const warning = page.getByTestId("share-key-warning");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("llm_configuration.messages[0].content");
  await expect(warning).toContainText("OpenAI project key");
  await expect(warning).not.toContainText(pasted);
  await page.getByTestId("share-key-warning-cancel").click();
  await expect(warning).toBeHidden();
  await expect(page.getByTestId("share-dialog")).toBeHidden();

  // Sharing anyway is the user's call.
  const link = await playground.shareLink({ confirmKeyWarning: true });
  expect(link).toContain("#r1=");
});

test("a short link can carry the last output and its metrics", async ({ playground, browser }) => {
  const marker = uniqueMarker("share-output");
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, marker);
  await playground.run();
  await playground.waitForRunEnd("done");

  await playground.shareLink();
  await playground.page.getByTestId("share-include-output").check();
  await playground.page.getByTestId("share-create-short").click();
  const short = playground.page.getByTestId("share-short-link");
  await expect(short).toHaveValue(/\?s=/);

  const recipient = await openFresh(browser, await short.inputValue(), { editor: false });
  await expect(recipient.transcript).toHaveText(new RegExp(`^Echo: ${marker}\\.`));
  await expect(recipient.metric("output-tokens")).toHaveText(/^\d+$/);
  await expect(recipient.messageContent(0)).toHaveValue(marker);
  await recipient.page.context().close();
});
