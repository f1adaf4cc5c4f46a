// The playground's streaming UI in real Chromium: how soon the first token is on screen after Run, how many
// paints a stream costs (tokens are batched per animation frame), and whether the main thread stays responsive
// (long tasks) while a flood of tokens arrives. Prints figures; asserts nothing.
import { chromium } from "@playwright/test";
import { startUpstream } from "../e2e/upstream/server.mjs";
import { ensureBuild, percentile, startApp } from "./support.mjs";

const RUNS = Number(process.env.BENCH_UI_RUNS ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

await ensureBuild();
const upstream = await startUpstream({ port: 0 });
const app = await startApp({
  OPENAI_BASE_URL: `${upstream.url}/v1`,
  OPENAI_API_KEY: "sk-bench",
  UPSTREAM_TOKEN_DELAY_MS: "0",
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });

try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(app.url);
  await page.getByTestId("provider-select").selectOption("openai");
  await page.locator(".view-lines").waitFor();

  /** One run, measured inside the page: click → first text, → end; text updates; long tasks meanwhile. */
  async function measure(model, maxTokens) {
    await page.getByTestId("model-input").fill(model);
    await page.getByTestId("param-max-length").fill(maxTokens === undefined ? "" : String(maxTokens));
    await page.waitForTimeout(300); // let the draft settle (JSON sync, autosave) before timing
    return page.evaluate(async () => {
      const transcript = () => document.querySelector('[data-testid="transcript-text"]');
      const statusElement = () => document.querySelector('[data-testid="run-status"]');
      const status = () => statusElement()?.getAttribute("data-status");
      const startedBefore = statusElement()?.getAttribute("data-run-started");
      let longTasks = 0;
      let longTaskMs = 0;
      let longestTask = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          longTasks++;
          longTaskMs += entry.duration;
          longestTask = Math.max(longestTask, entry.duration);
        }
      });
      observer.observe({ type: "longtask", buffered: false });
      const updates = [];
      const mutations = new MutationObserver(() => updates.push(performance.now()));
      const start = performance.now();
      document.querySelector('[data-testid="run-button"]').click();
      let first;
      mutations.observe(document.querySelector('[data-testid="transcript"]'), {
        subtree: true,
        characterData: true,
        childList: true,
      });
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      // React renders the new run on a later frame: wait for it before waiting for its end.
      while (statusElement()?.getAttribute("data-run-started") === startedBefore) await frame();
      let lastFrame = performance.now();
      let longestFrame = 0;
      while (status() === "running") {
        if (first === undefined && (transcript()?.textContent ?? "").length > 0) first = performance.now() - start;
        await frame();
        const now = performance.now();
        longestFrame = Math.max(longestFrame, now - lastFrame);
        lastFrame = now;
        if (performance.now() - start > 60_000) break;
      }
      const end = performance.now() - start;
      first ??= end; // a run that painted everything in its last frame
      mutations.disconnect();
      observer.disconnect();
      let maxGap = 0;
      for (let i = 1; i < updates.length; i++) maxGap = Math.max(maxGap, updates[i] - updates[i - 1]);
      return {
        first,
        end,
        updates: updates.length,
        maxGap,
        longTasks,
        longTaskMs,
        longestTask,
        longestFrame,
        chars: transcript()?.textContent?.length ?? 0,
        outputTokens: Number(
          (document.querySelector('[data-testid="metric-output-tokens"]')?.textContent ?? "0").replace(/,/g, ""),
        ),
      };
    });
  }

  const scenarios = [
    ["slow-20 (50 tokens, 20 ms apart)", "test-slow", 64],
    ["flood (5,000 tokens, no delay)", "bench-5000", undefined],
    ["flood (20,000 tokens, no delay)", "bench-20000", undefined],
  ];
  for (const [label, model, maxTokens] of scenarios) {
    await measure(model, maxTokens); // warm-up: route module load, JIT
    const results = [];
    for (let i = 0; i < RUNS; i++) results.push(await measure(model, maxTokens));
    const pick = (key) => results.map((result) => result[key]);
    const p = (key, q) => percentile(pick(key), q);
    console.log(`\n== UI stream: ${label}, ${RUNS} runs ==`);
    console.log(
      `click → first token on screen  p50 ${p("first", 50).toFixed(1)} ms   p90 ${p("first", 90).toFixed(1)} ms`,
    );
    console.log(
      `click → done                    p50 ${p("end", 50).toFixed(1)} ms   p90 ${p("end", 90).toFixed(1)} ms`,
    );
    console.log(
      `DOM updates per run             p50 ${p("updates", 50)} (for ${results[0]?.outputTokens} tokens, ${results[0]?.chars} chars)`,
    );
    console.log(`longest gap between updates     p50 ${p("maxGap", 50).toFixed(1)} ms`);
    console.log(
      `long tasks (>50 ms) per run     p50 ${p("longTasks", 50)}   total p50 ${p("longTaskMs", 50).toFixed(0)} ms`,
    );
    console.log(
      `longest main-thread task        max ${Math.max(...pick("longestTask")).toFixed(0)} ms (0: none over 50 ms); longest frame gap max ${Math.max(...pick("longestFrame")).toFixed(1)} ms (goal ≤ 50 ms)`,
    );
  }

  // First-load JS: what the browser transferred (gzip) for scripts by the load event, and once Monaco is up.
  const fresh = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await fresh.goto(app.url, { waitUntil: "load" });
  const scriptBytes = () =>
    fresh.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((entry) => entry.initiatorType === "script" || entry.name.endsWith(".js"))
        .reduce(
          (sum, entry) => ({
            encoded: sum.encoded + entry.encodedBodySize,
            decoded: sum.decoded + entry.decodedBodySize,
          }),
          { encoded: 0, decoded: 0 },
        ),
    );
  const atLoad = await scriptBytes();
  await fresh.locator(".view-lines").waitFor();
  const withMonaco = await scriptBytes();
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log("\n== first-load JS of / ==");
  console.log(`by the load event: ${kib(atLoad.encoded)} gzip (${kib(atLoad.decoded)} decoded) (goal ≤ 250 KB gzip)`);
  console.log(`after Monaco (lazy) mounted: ${kib(withMonaco.encoded)} gzip (${kib(withMonaco.decoded)} decoded)`);
} finally {
  await browser.close();
  await app.stop();
  await upstream.close();
}
