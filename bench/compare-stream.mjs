// The compare view in real Chromium: 8 columns streaming 2,000 tokens each at full speed (`bench-2000`: the test
// upstream sends with no delay) against one column alone. Prints, per scenario: the longest main-thread task
// (PerformanceObserver "longtask", > 50 ms), and the time from the first column's first token on screen to the last
// column's last token on screen. Asserts nothing.
import { chromium } from "@playwright/test";
import { startUpstream } from "../e2e/upstream/server.mjs";
import { ensureBuild, percentile, startApp } from "./support.mjs";

const RUNS = Number(process.env.BENCH_COMPARE_RUNS ?? 5);
const COLUMNS = Number(process.env.BENCH_COMPARE_COLUMNS ?? 8);
const MODEL = process.env.BENCH_COMPARE_MODEL ?? "bench-2000";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

await ensureBuild();
const upstream = await startUpstream({ port: 0 });
// The server's own key: the browser sends none, so nothing but the compare view is measured.
const app = await startApp({ OPENAI_BASE_URL: `${upstream.url}/v1`, OPENAI_API_KEY: "sk-bench" });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });

/** The playground draft (the shared request) and COLUMNS columns of the bench model, no token limit. */
function seed(columns) {
  const draft = {
    llm_configuration: { provider: "openai", model: MODEL, messages: [{ role: "user", content: "bench" }] },
    cache: false,
  };
  const compare = {
    columns: Array.from({ length: columns }, (_, index) => ({
      id: `bench-${index}`,
      provider: "openai",
      model: MODEL,
      repeat: 1,
      sync: { messages: true, functions: true, inputs: true, params: false },
      own: { model_params: {} },
    })),
    baseline: "bench-0",
  };
  return { draft, compare };
}

/** One Run (all columns, or column 0 alone), measured inside the page. */
async function measure(page, { columns, only }) {
  return page.evaluate(
    async ({ columns, only }) => {
      const indexes = only === undefined ? [...Array(columns).keys()] : [only];
      const status = (i) => document.querySelector(`[data-testid="compare-column-${i}"]`)?.getAttribute("data-status");
      const length = (i) => document.querySelector(`[data-testid="compare-output-${i}"]`)?.textContent?.length ?? 0;
      const tasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      });
      observer.observe({ type: "longtask", buffered: false });
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const start = performance.now();
      document
        .querySelector(`[data-testid="${only === undefined ? "compare-run-all" : `compare-run-${only}`}"]`)
        .click();
      const first = {};
      const last = {};
      let frames = 0;
      while (performance.now() - start < 120_000) {
        await frame();
        frames++;
        const now = performance.now() - start;
        for (const i of indexes) {
          if (first[i] === undefined && length(i) > 0) first[i] = now;
          if (last[i] === undefined && status(i) === "done") last[i] = now;
        }
        if (indexes.every((i) => last[i] !== undefined)) break;
      }
      observer.disconnect();
      const tokens = indexes.map((i) =>
        Number(
          (document.querySelector(`[data-testid="compare-metric-output_tokens-${i}"]`)?.textContent ?? "0").replace(
            /,/g,
            "",
          ),
        ),
      );
      const firsts = indexes.map((i) => first[i] ?? last[i]);
      const lasts = indexes.map((i) => last[i]);
      return {
        span: Math.max(...lasts) - Math.min(...firsts),
        firstTokenMin: Math.min(...firsts),
        firstTokenMax: Math.max(...firsts),
        end: Math.max(...lasts),
        longest: tasks.length > 0 ? Math.max(...tasks) : 0,
        longTasks: tasks.length,
        longTaskMs: tasks.reduce((sum, duration) => sum + duration, 0),
        frames,
        tokens,
        chars: indexes.map(length),
      };
    },
    { columns, only },
  );
}

try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${app.url}/api/health`);
  const { draft, compare } = seed(COLUMNS);
  await page.evaluate(
    ({ draft, compare }) => {
      localStorage.setItem("llm-playground.draft.v1", JSON.stringify(draft));
      localStorage.setItem("llm-playground.compare.v1", JSON.stringify(compare));
    },
    { draft, compare },
  );
  await page.goto(`${app.url}/compare`);
  await page.getByTestId(`compare-column-${COLUMNS - 1}`).waitFor();

  const scenarios = [
    [`1 column alone (${MODEL})`, { columns: COLUMNS, only: 0 }],
    [`${COLUMNS} columns at once (${MODEL} each)`, { columns: COLUMNS }],
  ];
  for (const [label, options] of scenarios) {
    await measure(page, options); // warm-up: route module load, JIT
    const results = [];
    for (let i = 0; i < RUNS; i++) results.push(await measure(page, options));
    const pick = (key) => results.map((result) => result[key]);
    const p = (key, q) => percentile(pick(key), q);
    const ms = (value) => `${value.toFixed(0)} ms`;
    console.log(`\n== Compare view: ${label}, ${RUNS} runs ==`);
    console.log(`tokens per column (last run)            ${results.at(-1)?.tokens.join(", ")}`);
    console.log(
      `first token → last token on screen      p50 ${ms(p("span", 50))}   max ${ms(Math.max(...pick("span")))}`,
    );
    console.log(
      `click → first column's first token      p50 ${ms(p("firstTokenMin", 50))};  → last column's first token p50 ${ms(p("firstTokenMax", 50))}`,
    );
    console.log(
      `longest main-thread task (>50 ms)       p50 ${ms(p("longest", 50))}   max ${ms(Math.max(...pick("longest")))}`,
    );
    console.log(
      `long tasks per run                      p50 ${p("longTasks", 50)}   total p50 ${ms(p("longTaskMs", 50))}`,
    );
    console.log(`frames painted per run                  p50 ${p("frames", 50)}`);
  }
} finally {
  await browser.close();
  await app.stop();
  await upstream.close();
}
