// Issue 10's benchmark, on SQLite and on PostgreSQL: spans ingested per second through POST /api/parea/v1/trace_log
// from 8 concurrent clients, and the p50/p99 of one POST (one client, sequential), against a bare route that only
// reads the body (app/api/bench/sink) in the same run. Goal: >= 1,000 spans/s and p50 <= 5 ms.
// Each span is committed before its 2xx (nothing answered 2xx is lost on a crash).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureBuild, fmt, percentile, startApp } from "./support.mjs";

const CLIENTS = Number(process.env.BENCH_TRACE_CLIENTS ?? 8);
const SPANS = Number(process.env.BENCH_TRACE_SPANS ?? 2000);
const SERIAL = Number(process.env.BENCH_TRACE_SERIAL ?? 300);
const PG_ADMIN = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PG_DB = "playground_bench_traces";
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });

/** A span as the SDK posts it (all 39 keys), an llm child of a root every fourth span. */
function span(index) {
  const traceId = randomUUID();
  const root = index % 4 === 0 ? traceId : `bench-root-${Math.floor(index / 4)}`;
  const now = new Date().toISOString();
  return {
    configuration: {
      model: "gpt-4o-mini",
      provider: "openai",
      model_params: { temp: 1 },
      messages: [{ role: "user", content: "hi" }],
      history: null,
      functions: [],
      function_call: null,
    },
    inputs: { question: "hello" },
    output: "echo: hello",
    target: null,
    latency: 0.12,
    time_to_first_token: null,
    input_tokens: 11,
    output_tokens: 7,
    total_tokens: 18,
    cost: 5.85e-6,
    scores: [],
    trace_id: traceId,
    parent_trace_id: root,
    root_trace_id: root,
    start_timestamp: now,
    end_timestamp: now,
    organization_id: null,
    project_uuid: null,
    error: null,
    status: "success",
    deployment_id: null,
    cache_hit: false,
    output_for_eval_metrics: null,
    evaluation_metric_names: [],
    apply_eval_frac: 1,
    log_sample_rate: 1,
    feedback_score: null,
    trace_name: "llm-openai",
    children: [],
    end_user_identifier: null,
    session_id: null,
    metadata: { k: "1" },
    tags: ["bench"],
    experiment_uuid: null,
    images: [],
    comments: null,
    annotations: null,
    depth: root === traceId ? 0 : 1,
    execution_order: index % 4,
  };
}

function post(url, body) {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(data),
          "x-api-key": "bench",
        },
      },
      (response) => {
        response.resume();
        response.on("end", () =>
          response.statusCode < 300
            ? resolve(performance.now() - started)
            : reject(new Error(`HTTP ${response.statusCode}`)),
        );
      },
    );
    request.on("error", reject);
    request.end(data);
  });
}

async function measure(url) {
  for (let i = 0; i < 50; i++) await post(url, span(i)); // warm-up (route compile, pool, JIT)
  const serial = [];
  for (let i = 0; i < SERIAL; i++) serial.push(await post(url, span(i)));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < SPANS) await post(url, span(next++));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { rate: SPANS / seconds, p50: percentile(serial, 50), p99: percentile(serial, 99) };
}

await ensureBuild();
for (const sql of [`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`, `CREATE DATABASE ${PG_DB}`]) {
  execFileSync("psql", [PG_ADMIN, "-q", "-c", sql], { stdio: "ignore" });
}
const dialects = {
  sqlite: { DATA_DIR: mkdtempSync(path.join(tmpdir(), "bench-traces-")) },
  postgres: { DATABASE_URL: PG_ADMIN.replace(/\/[^/]*$/, `/${PG_DB}`) },
};
console.log(`trace ingest: ${CLIENTS} clients x ${SPANS} spans; one-POST latency over ${SERIAL} sequential POSTs`);
for (const [name, env] of Object.entries(dialects)) {
  const app = await startApp({ ...env, BENCH_ROUTES: "1" });
  const bare = await measure(`${app.url}/api/bench/sink`);
  const ingest = await measure(`${app.url}/api/parea/v1/trace_log`);
  await app.stop();
  for (const [label, result] of [
    ["bare route", bare],
    ["POST /trace_log", ingest],
  ]) {
    console.log(
      `${name.padEnd(8)} ${label.padEnd(16)} ${result.rate.toFixed(0).padStart(6)} spans/s   p50 ${fmt(result.p50)}   p99 ${fmt(result.p99)}`,
    );
  }
}
process.exit(0);
