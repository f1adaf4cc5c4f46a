// Issue 3's benchmark: local tokens/s through the HTTP route against raw node-llama-cpp generation of the same
// prompt in the same run (goal ≥ 0.9×), model load time, and TTFT. One thread, as the app runs it on 2 cores.
import path from "node:path";
import { ensureBuild, pareaFirstToken, percentile, root, startApp, timedStream } from "./support.mjs";

const MODELS_DIR = process.env.LOCAL_MODELS_DIR ?? path.resolve(root, "../shared/models");
const MODEL = "stories260K.gguf";
const TOKENS = 400;
const RUNS = 15;
const PROMPT = "Once upon a time";

// Raw engine first, alone on the machine: the ceiling the route is measured against.
const { getLlama, LlamaCompletion, LlamaLogLevel } = await import("node-llama-cpp");
let started = performance.now();
const llama = await getLlama({ gpu: false, maxThreads: 1, build: "never", logLevel: LlamaLogLevel.error });
const libraryMs = performance.now() - started;
started = performance.now();
const model = await llama.loadModel({ modelPath: path.join(MODELS_DIR, MODEL) });
const loadMs = performance.now() - started;
const context = await model.createContext({ contextSize: 512, threads: 1 });
const rawRates = [];
const rawTtfts = [];
for (let i = 0; i < RUNS; i++) {
  const sequence = context.getSequence();
  const completion = new LlamaCompletion({ contextSequence: sequence });
  let first;
  let count = 0;
  const t0 = performance.now();
  await completion.generateCompletion(PROMPT, {
    maxTokens: TOKENS,
    temperature: 0,
    onToken(tokens) {
      first ??= performance.now() - t0;
      count += tokens.length;
    },
    // Text out, as any real use needs (and as the route produces): the raw baseline pays for detokenizing too.
    onTextChunk: () => {},
  });
  const total = performance.now() - t0;
  rawRates.push((count - 1) / ((total - first) / 1000));
  rawTtfts.push(first);
  sequence.dispose();
}
await context.dispose();
await model.dispose();

await ensureBuild();
const app = await startApp({ LOCAL_MODELS_DIR: MODELS_DIR, LOCAL_THREADS: "1" });
const body = {
  cache: false, // every run generates: the cache would replay the first
  llm_configuration: {
    provider: "local",
    model: MODEL,
    messages: [{ role: "user", content: PROMPT }],
    model_params: { temp: 0, max_length: TOKENS },
  },
};
const url = `${app.url}/api/parea/v1/completion/stream`;
const cold = await timedStream(url, body, pareaFirstToken);
const routeRates = [];
const routeTtfts = [];
for (let i = 0; i < RUNS; i++) {
  const run = await timedStream(url, body, pareaFirstToken);
  routeRates.push((TOKENS - 1) / ((run.total - run.firstToken) / 1000));
  routeTtfts.push(run.firstToken);
}
await app.stop();

const median = (values) => percentile(values, 50);
console.log(`\n== local model: ${MODEL}, ${TOKENS} tokens, temp 0, 1 thread, median of ${RUNS} ==`);
console.log(`node-llama-cpp library load ${libraryMs.toFixed(0)} ms, model load ${loadMs.toFixed(1)} ms`);
console.log(`raw node-llama-cpp: ${median(rawRates).toFixed(0)} tokens/s, TTFT ${median(rawTtfts).toFixed(1)} ms`);
console.log(
  `HTTP route:         ${median(routeRates).toFixed(0)} tokens/s, TTFT ${median(routeTtfts).toFixed(1)} ms (first request after start: TTFT ${cold.firstToken.toFixed(0)} ms)`,
);
console.log(`route / raw tokens/s: ${(median(routeRates) / median(rawRates)).toFixed(2)}× (goal ≥ 0.9×)`);
process.exit(0);
