// Issue 2's benchmark: our completion route against the test upstream called directly and against a bare Next
// route that only pipes the upstream body, in one run. Prints added TTFT p50/p99 (200 sequential streams),
// pass-through rate of one 10,000-chunk zero-delay stream, TTFT p50 of 200 concurrent streams, RSS per open stream.
import { startUpstream } from "../e2e/upstream/server.mjs";
import { ensureBuild, fmt, openaiFirstToken, pareaFirstToken, percentile, startApp, timedStream } from "./support.mjs";

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 200);
const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 10_000);

await ensureBuild();
const upstream = await startUpstream({ port: 0 });
const app = await startApp({ OPENAI_BASE_URL: `${upstream.url}/v1`, BENCH_ROUTES: "1", UPSTREAM_TOKEN_DELAY_MS: "0" });

const openaiRequest = (model) => ({
  model,
  messages: [{ role: "user", content: "Say hello" }],
  stream: true,
  stream_options: { include_usage: true },
});
const pareaRequest = (model) => ({
  provider_api_key: "sk-bench",
  cache: false,
  llm_configuration: { provider: "openai", model, messages: [{ role: "user", content: "Say hello" }] },
});

const paths = {
  direct: (model) => timedStream(`${upstream.url}/v1/chat/completions`, openaiRequest(model), openaiFirstToken),
  bare: (model) => timedStream(`${app.url}/api/bench/pipe`, openaiRequest(model), openaiFirstToken),
  route: (model) => timedStream(`${app.url}/api/parea/v1/completion/stream`, pareaRequest(model), pareaFirstToken),
};

async function sequentialTtft(name, run) {
  for (let i = 0; i < 20; i++) await run("bench-20"); // warm-up: module load, JIT, keep-alive sockets
  const ttfts = [];
  for (let i = 0; i < SEQUENTIAL; i++) ttfts.push((await run("bench-20")).firstToken);
  return { name, p50: percentile(ttfts, 50), p99: percentile(ttfts, 99) };
}

console.log(`\n== API pipeline (${SEQUENTIAL} sequential streams, 20-token zero-delay upstream) ==`);
const ttft = {};
for (const [name, run] of Object.entries(paths)) ttft[name] = await sequentialTtft(name, run);
for (const { name, p50, p99 } of Object.values(ttft))
  console.log(`${name.padEnd(7)} TTFT p50 ${fmt(p50)}  p99 ${fmt(p99)}`);
console.log(
  `added TTFT, bare route vs direct: p50 +${fmt(ttft.bare.p50 - ttft.direct.p50)}  p99 +${fmt(ttft.bare.p99 - ttft.direct.p99)}`,
);
console.log(
  `added TTFT, our route vs direct:  p50 +${fmt(ttft.route.p50 - ttft.direct.p50)}  p99 +${fmt(ttft.route.p99 - ttft.direct.p99)}   (goal ≤ +6.5 / +12 ms)`,
);
console.log(`our route vs bare route:          p50 +${fmt(ttft.route.p50 - ttft.bare.p50)}  (goal ≤ +1 ms)`);

console.log(`\n== pass-through: one ${CHUNKS}-chunk zero-delay stream (best of 3) ==`);
const rates = {};
for (const [name, run] of Object.entries(paths)) {
  let best = Infinity;
  for (let i = 0; i < 3; i++) best = Math.min(best, (await run(`bench-${CHUNKS}`)).total);
  rates[name] = CHUNKS / (best / 1000);
  console.log(`${name.padEnd(7)} ${fmt(best)} → ${Math.round(rates[name])} tokens/s`);
}
console.log(
  `bare route ${(rates.bare / rates.direct).toFixed(2)}× direct; our route ${(rates.route / rates.direct).toFixed(2)}× direct (goal ≥ 0.9×)`,
);

console.log(`\n== ${CONCURRENT} concurrent streams ==`);
const concurrent = {};
for (const [name, run] of Object.entries(paths)) {
  const results = await Promise.all(Array.from({ length: CONCURRENT }, () => run("bench-20")));
  concurrent[name] = percentile(
    results.map((r) => r.firstToken),
    50,
  );
  console.log(`${name.padEnd(7)} TTFT p50 ${fmt(concurrent[name])}`);
}
console.log(
  `our route ${(concurrent.route / concurrent.direct).toFixed(2)}× direct (goal ≤ 1.5×); bare ${(concurrent.bare / concurrent.direct).toFixed(2)}×`,
);

const OPEN = 400;
console.log(`\n== memory: RSS per open stream (${OPEN} streams held open by an upstream that went quiet) ==`);
const openStreams = async (name, run) => {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = app.rssKiB();
  const open = Array.from({ length: OPEN }, () => run("hang-after-first").catch(() => undefined));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const during = app.rssKiB();
  console.log(
    `${name.padEnd(7)} RSS ${Math.round(before / 1024)} → ${Math.round(during / 1024)} MiB: ${((during - before) / OPEN).toFixed(1)} KiB per open stream`,
  );
  return open;
};
const held = [...(await openStreams("bare", paths.bare)), ...(await openStreams("route", paths.route))];
console.log("(goal ≤ 64 KB per stream for our route)");
await app.stop();
await Promise.allSettled(held);
await upstream.close();
process.exit(0);
