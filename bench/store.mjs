// Issue 6's benchmark, on SQLite and on PostgreSQL: a cache-hit completion's full-response time p50/p99 (goal p50
// ≤ 5 ms) against the same run uncached, and what logging costs the stream (TTFT with logging on vs off; goal ≈ 0).
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startUpstream } from "../e2e/upstream/server.mjs";
import { ensureBuild, fmt, pareaFirstToken, percentile, startApp, timedStream } from "./support.mjs";

const RUNS = Number(process.env.BENCH_STORE_RUNS ?? 200);
const PG_ADMIN = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PG_DB = "playground_bench";

await ensureBuild();
const upstream = await startUpstream({ port: 0 });
for (const sql of [`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`, `CREATE DATABASE ${PG_DB}`]) {
  execFileSync("psql", [PG_ADMIN, "-q", "-c", sql], { stdio: "ignore" });
}
const dialects = {
  sqlite: { DATA_DIR: mkdtempSync(path.join(tmpdir(), "bench-store-")) },
  postgres: { DATABASE_URL: PG_ADMIN.replace(/\/[^/]*$/, `/${PG_DB}`) },
};

const body = (extra) => ({
  provider_api_key: "sk-bench",
  llm_configuration: { provider: "openai", model: "bench-20", messages: [{ role: "user", content: "Say hello" }] },
  ...extra,
});

for (const [name, env] of Object.entries(dialects)) {
  const app = await startApp({ ...env, OPENAI_BASE_URL: `${upstream.url}/v1`, LOCAL_PREWARM: "0" });
  const url = `${app.url}/api/parea/v1/completion/stream`;
  const time = async (extra) => await timedStream(url, body(extra), pareaFirstToken);
  for (let i = 0; i < 20; i++) await time({ cache: false }); // warm-up

  const cached = { cache: true, trace_name: "bench-cache" };
  await time(cached); // fills the cache
  const hits = [];
  const misses = [];
  for (let i = 0; i < RUNS; i++) {
    hits.push((await time(cached)).total);
    misses.push((await time({ cache: false })).total);
  }
  const logged = [];
  const unlogged = [];
  for (let i = 0; i < RUNS; i++) {
    logged.push((await time({ cache: false, log_sample_rate: 1 })).firstToken);
    unlogged.push((await time({ cache: false, log_sample_rate: 0 })).firstToken);
  }
  console.log(`\n== store on ${name} (${RUNS} runs each, interleaved) ==`);
  console.log(
    `cache hit, full response:  p50 ${fmt(percentile(hits, 50))}  p99 ${fmt(percentile(hits, 99))}  (goal p50 ≤ 5 ms)`,
  );
  console.log(`uncached, full response:   p50 ${fmt(percentile(misses, 50))}  p99 ${fmt(percentile(misses, 99))}`);
  console.log(`TTFT logging on:  p50 ${fmt(percentile(logged, 50))}  p99 ${fmt(percentile(logged, 99))}`);
  console.log(`TTFT logging off: p50 ${fmt(percentile(unlogged, 50))}  p99 ${fmt(percentile(unlogged, 99))}`);
  console.log(`logging adds to TTFT: p50 ${fmt(percentile(logged, 50) - percentile(unlogged, 50))} (goal ≈ 0)`);
  await app.stop();
}
await upstream.close();
execFileSync("psql", [PG_ADMIN, "-q", "-c", `DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`], { stdio: "ignore" });
process.exit(0);
