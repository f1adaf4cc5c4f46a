// Issue 9 point 4's benchmark: /api/health latency while hostile evals run, against health latency with no eval,
// in one run per server. The hostile evals: the regex metric with `(a+)+$` as the target (backtracking is 2^n in the
// run of a's), the LLM judge reading a reply with "score" and a run of spaces (the old parser was ~cubic in it),
// and Levenshtein at 10k × 50k code points.
//
//   node bench/evals-stall.mjs                      # this checkout's build
//   node bench/evals-stall.mjs /work/wt-b-base:3350 # another checkout's build (the "before" figure), on a port
//
// Sizes are kept so the unfixed server finishes in tens of seconds: EVALS_STALL_AS, _SPACES, _TARGET override them.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startUpstream } from "../e2e/upstream/server.mjs";
import { freePort, percentile, root } from "./support.mjs";

const AS = Number(process.env.EVALS_STALL_AS ?? 24);
const SPACES = Number(process.env.EVALS_STALL_SPACES ?? 400);
const TARGET = Number(process.env.EVALS_STALL_TARGET ?? 50_000);
const PHASE_LIMIT_MS = 180_000;

const post = (url, body) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

function hostileBodies(tag) {
  const base = (model, extra, content) => ({
    provider_api_key: "sk-bench",
    cache: false,
    llm_configuration: { provider: "openai", model: `${model}-${tag}`, messages: [{ role: "user", content }] },
    ...extra,
  });
  return [
    base("stall-regex", { target: "(a+)+$", eval_metric_ids: [3] }, `${"a".repeat(AS)}!`),
    base("stall-judge", { eval_metric_ids: [7] }, `score${" ".repeat(SPACES)}x`),
    base("stall-levenshtein", { target: "y".repeat(TARGET), eval_metric_ids: [6] }, "b".repeat(10_000)),
  ];
}

async function probeHealth(url, until) {
  const latencies = [];
  while (!until()) {
    const started = performance.now();
    try {
      // A fresh connection per probe: a keep-alive socket the stalled server times out on wakeup would reset.
      await (await fetch(`${url}/api/health`, { headers: { connection: "close" } })).arrayBuffer();
    } catch (error) {
      console.log(`  (a health probe failed: ${error.cause?.code ?? error.message})`);
    }
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return latencies;
}

const summary = (latencies) =>
  `health p50 ${percentile(latencies, 50).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms (${latencies.length} probes)`;

async function startServer(dir, port, upstreamUrl) {
  const child = spawn(process.execPath, ["scripts/start.mjs", "-p", String(port)], {
    cwd: dir,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_RUNS: "0",
      LOCAL_PREWARM: "0",
      OPENAI_BASE_URL: `${upstreamUrl}/v1`,
      OPENAI_API_KEY: "",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "evals-stall-")),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.on("exit", () => child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, stop: () => child.kill("SIGTERM") };
}

const targets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [root];
const upstream = await startUpstream({ port: 0 });
console.log(
  `\n== evals stall: health latency, idle vs while hostile evals run (a^${AS}, ${SPACES} spaces, 10k×${TARGET}) ==`,
);
for (const target of targets) {
  const [dir, portText] = target.split(":");
  const server = await startServer(path.resolve(dir), portText ? Number(portText) : await freePort(), upstream.url);
  // Warm both routes once (first requests load modules), then measure.
  const warm = {
    ...hostileBodies("warm")[0],
    target: "a",
    llm_configuration: { ...hostileBodies("warm")[0].llm_configuration, messages: [{ role: "user", content: "a" }] },
  };
  await (await post(`${server.url}/api/parea/v1/completion`, warm)).arrayBuffer();
  const idleEnd = performance.now() + 3000;
  const idle = await probeHealth(server.url, () => performance.now() > idleEnd);

  let done = false;
  const started = performance.now();
  const runs = Promise.all(
    hostileBodies(String(Date.now())).map(async (body) => {
      const name = body.llm_configuration.model.split("-").slice(0, 2).join("-");
      try {
        const response = await post(`${server.url}/api/parea/v1/completion`, body);
        const json = await response.json();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        return `${name}: ${response.status} ${JSON.stringify(json.scores ?? json.detail ?? null)} after ${seconds} s`;
      } catch (error) {
        return `${name}: ${error.cause?.code ?? error.message}`;
      }
    }),
  ).finally(() => {
    done = true;
  });
  const hostile = await probeHealth(server.url, () => done || performance.now() - started > PHASE_LIMIT_MS);
  const results = done ? await runs : ["still running after the phase limit"];
  console.log(`${dir}`);
  console.log(`  no eval:       ${summary(idle)}`);
  console.log(
    `  hostile evals: ${summary(hostile)}; evals took ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`  results: ${results.join("; ")}`);
  server.stop();
}
await upstream.close();
process.exit(0);
