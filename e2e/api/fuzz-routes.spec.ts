import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { type AppInstance, startAppInstance } from "./app-instance";

/**
 * Every route under app/api (found by walking it for route.ts, so a new route is fuzzed without touching this
 * file; app/api/bench is a benchmark switch, off in production), every method it exports: FUZZ_RUNS (10,000)
 * random requests each, with arbitrary bodies (JSON and not, wrong types, mutated valid bodies, large and deep
 * values within the limits), headers (content types, x-api-key, the Host names the server answers), path ids and
 * query strings. The answer is never a 5xx (a 502/504 is allowed only as an upstream outcome). Runs against its
 * own app instance, so clearing the cache or writing thousands of rows disturbs no other spec. Requests go 8 at a
 * time; the time each route took is printed.
 */
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CONCURRENCY = 8;
const API_DIR = path.join(process.cwd(), "app", "api");
const SKIPPED = new Set(["bench"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

interface Route {
  /** e.g. /api/logs/[traceId] */
  template: string;
  methods: string[];
}

function findRoutes(dir: string, prefix = "/api"): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      if (prefix === "/api" && SKIPPED.has(entry.name)) continue;
      routes.push(...findRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
    } else if (entry.name === "route.ts") {
      const source = readFileSync(path.join(dir, entry.name), "utf8");
      // `export async function POST`, `export const POST`, or a re-export (`export { handler as POST } from …`).
      const methods = METHODS.filter(
        (method) =>
          new RegExp(`export\\s+(?:async\\s+)?(?:function\\s+${method}\\b|const\\s+${method}\\b)`).test(source) ||
          new RegExp(`export\\s*\\{[^}]*\\b${method}\\b[^}]*\\}`).test(source),
      );
      routes.push({ template: prefix, methods });
    }
  }
  return routes;
}

// ---- arbitraries ----

const jsonValue = fc.jsonValue({ maxDepth: 4, depthSize: "small" });
const headerText = fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.:/ =;+@"), maxLength: 60 });
const nastyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("", " ", "..", "../..", "%", "%00", "\u0000", "a\r\nb", "null", "undefined", "[]", "{}", "0", "-1"),
  fc.constantFrom("1e309", "NaN", "9".repeat(40), "2026-13-45T99:99:99Z", "x".repeat(1200), "😀".repeat(100)),
);

/** A path segment for a dynamic [param]: something plausible for its name, or anything, percent-encoded or raw. */
function segment(name: string) {
  const plausible: Record<string, string[]> = {
    id: ["p-abc", "p-AAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA", `p-${"x".repeat(70)}`],
    traceId: ["trace-1", "00000000-0000-0000-0000-000000000000", "t".repeat(201)],
    provider: ["openai", "anthropic", "local", "OPENAI", "openai-compatible", "azure"],
  };
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(plausible[name] ?? ["x"])) },
    { weight: 3, arbitrary: nastyText.map((text) => encodeURIComponent(text) || "x") },
    { weight: 1, arbitrary: fc.constantFrom("%ZZ", "%E0%A4%A", "a%2Fb", "%2e%2e", "%C0%AF", "a;b", "a,b", "~") },
  );
}

const QUERY_NAMES = [
  "project",
  "tags",
  "status",
  "provider",
  "model",
  "end_user",
  "experiment",
  "root_trace_id",
  "from",
  "to",
  "search",
  "cursor",
  "limit",
  "bucket",
];
const queryValue = fc.oneof(
  nastyText,
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom("success", "error", "hour", "day", "week", "500", "501", "0", "eyJ4Ijoi", "WyJhIiwiYiJd"),
  fc.base64String({ maxLength: 60 }),
);
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_NAMES), nastyText), queryValue), { maxLength: 6 })
  .map((pairs) => {
    const params = new URLSearchParams(pairs);
    return params.size > 0 ? `?${params}` : "";
  });
const rawQuery = fc.constantFrom("?%ZZ=1", "?from=%E0%A4%A", "?tags&tags=&tags=a,,b", "?limit=1e3", "?=&=&&");

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/vnd.api+json",
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "application/jsonx",
  "",
];

function headers(port: string) {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, "localhost", `[::1]:${port}`, "127.0.0.1", "app.localhost"];
  return (
    fc
      .record(
        {
          // Mostly JSON, so most bodies get past the content-type check to the route's own parsing.
          "content-type": fc.oneof(
            { weight: 12, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8") },
            { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
            { weight: 1, arbitrary: headerText },
          ),
          "x-api-key": headerText,
          "x-user-id": headerText,
          host: fc.constantFrom(...hosts),
          origin: fc.constant(true),
          accept: fc.constantFrom("*/*", "text/event-stream", "application/json", "text/html"),
        },
        { requiredKeys: ["host"] },
      )
      // The playground sends its own origin; curl and the SDKs none (cross-site writes are security-host.spec's).
      .map(
        ({ origin, ...sent }): Record<string, string> => (origin ? { ...sent, origin: `http://${sent.host}` } : sent),
      )
  );
}

const messages = [{ role: "user", content: "Say hello" }];
const configuration = { provider: "openai", model: "bench-3", messages };
const completion = {
  ...SEED_REQUEST,
  provider_api_key: "sk-fuzz-0000000000",
  llm_configuration: { ...SEED_REQUEST.llm_configuration, model: "bench-3" },
};

/** A valid body per route (by its path), which mutations then bend. */
const SEEDS: Record<string, unknown> = {
  "/api/parea/v1/completion": completion,
  "/api/parea/v1/completion/stream": completion,
  "/api/parea/v1/project": { name: "fuzz" },
  "/api/parea/v1/deployed-prompt": { deployment_id: "p-abc", llm_inputs: { city: "Paris" } },
  "/api/deployments": { name: "fuzz", llm_configuration: configuration },
  "/api/eval-metrics": { name: "fuzz", kind: "regex", config: { pattern: "^a" } },
  "/api/keys/[provider]": { key: "sk-fuzz-0000000000" },
  "/api/share": { request: { llm_configuration: configuration }, output: { text: "hi" }, metrics: { ttft: 1 } },
};

/** Every path into a JSON value (objects and arrays), so a mutation can hit any field the seed has. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

function setAt(base: unknown, where: (string | number)[], value: unknown, remove: boolean): unknown {
  if (where.length === 0) return value;
  const root = base !== null && typeof base === "object" ? structuredClone(base) : {};
  const copy = root as Record<string | number, unknown>;
  let target = copy;
  // An earlier mutation may have replaced a parent with a scalar: grow objects again on the way down.
  for (const key of where.slice(0, -1)) {
    if (target[key] === null || typeof target[key] !== "object") target[key] = {};
    target = target[key] as Record<string | number, unknown>;
  }
  const last = where.at(-1)!;
  if (remove) delete target[last];
  else target[last] = value;
  return copy;
}

function deep(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

const wrongValue = fc.oneof(
  { weight: 6, arbitrary: jsonValue },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((depth) => deep(depth, "x")) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "y".repeat(100_000),
      Array.from({ length: 2_000 }, (_, i) => i),
    ),
  },
);

function bodies(seed: unknown) {
  const choices = [
    { weight: 2, arbitrary: jsonValue.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom("", "{", '{"a":', "[1,2", "\u0000", "{}", "[]", "null", '"x"', "1e999") },
  ];
  if (seed === undefined) return fc.oneof(...choices);
  const paths = pathsOf(seed);
  const mutation = fc.record({ where: fc.constantFrom(...paths), value: wrongValue, remove: fc.boolean() });
  const mutated = fc
    .array(mutation, { minLength: 0, maxLength: 3 })
    .map((mutations) =>
      JSON.stringify(
        mutations.reduce<unknown>((body, { where, value, remove }) => setAt(body, where, value, remove), seed),
      ),
    );
  return fc.oneof(...choices, { weight: 6, arbitrary: mutated });
}

interface Case {
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function cases(route: Route, method: string, port: string) {
  const parts = route.template.split("/").map((part) => {
    const param = /^\[(\w+)\]$/.exec(part)?.[1];
    return param ? segment(param) : fc.constant(part);
  });
  // No body on GET and DELETE: none of ours reads one, and Node answers a bodied DELETE with a 400 and a reset.
  const withBody = method !== "GET" && method !== "DELETE";
  return fc
    .record({
      path: fc
        .tuple(fc.tuple(...parts), fc.oneof({ weight: 5, arbitrary: query }, { weight: 1, arbitrary: rawQuery }))
        .map(([segments, search]) => `${segments.join("/")}${search}`),
      headers: headers(port),
      body: withBody ? fc.option(bodies(SEEDS[route.template]), { freq: 10 }) : fc.constant(null),
    })
    .map(({ path: where, headers: sent, body }): Case => ({ path: where, headers: sent, body: body ?? undefined }));
}

// ---- requests ----

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(baseURL: string, method: string, sample: Case): Promise<{ status: number; body: string }> {
  const url = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { hostname: url.hostname, port: url.port, method, path: sample.path, headers: sample.headers, agent },
      (response) => {
        const pieces: Buffer[] = [];
        response.on("data", (piece: Buffer) => pieces.push(piece));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(pieces).toString() }));
        response.on("error", reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error("no answer in 30 s")));
    request.on("error", reject);
    request.end(sample.body);
  });
}

/** A 502/504 from the completion routes is an upstream's answer (a fuzzed base URL, a refused model), not ours. */
function isServerFault(status: number, body: string): boolean {
  if (status < 500) return false;
  if (status !== 502 && status !== 504) return true;
  try {
    return !(JSON.parse(body) as { error?: { type?: string } }).error?.type?.startsWith("upstream");
  } catch {
    return true;
  }
}

/** CPU seconds the server process has used (Linux), so the cost per request is known on a busy machine too. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const routes = findRoutes(API_DIR);

test.describe("every route, fuzzed", () => {
  let app: AppInstance;

  test.beforeAll(async () => {
    test.setTimeout(60_000);
    const dataDir = mkdtempSync(path.join(tmpdir(), "playground-fuzz-"));
    app = await startAppInstance({
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      // No GGUF here: provider "local" answers a quick 404 instead of generating (the model is fuzzed elsewhere).
      LOCAL_MODELS_DIR: mkdtempSync(path.join(tmpdir(), "playground-fuzz-models-")),
      LOCAL_PREWARM: "0",
      LOG_RUNS: "0",
      KEYS_SECRET: "fuzz-secret-for-tests-only",
      BASE_URL_ALLOW: "loopback",
      UPSTREAM_TIMEOUT_MS: "3000",
      UPSTREAM_IDLE_TIMEOUT_MS: "3000",
    });
  });
  test.afterAll(async () => {
    agent.destroy();
    await app?.stop();
  });

  test("the route list is complete", () => {
    expect(routes.map((route) => route.template)).toContain("/api/parea/v1/completion/stream");
    expect(routes.every((route) => route.methods.length > 0)).toBe(true);
  });

  for (const route of routes) {
    for (const method of route.methods) {
      test(`${method} ${route.template}: ${NUM_RUNS} fuzzed requests, never a 5xx`, async () => {
        test.setTimeout(15 * 60_000);
        const port = new URL(app.url).port;
        const samples = fc.sample(cases(route, method, port), { numRuns: NUM_RUNS, seed: SEED });
        const statuses = new Map<number, number>();
        const faults: string[] = [];
        const started = performance.now();
        const cpuBefore = cpuSeconds(app.pid);
        let next = 0;
        const worker = async () => {
          while (next < samples.length) {
            const sample = samples[next++]!;
            let outcome: { status: number; body: string };
            try {
              outcome = await send(app.url, method, sample);
            } catch (error) {
              outcome = { status: 599, body: (error as Error).message };
            }
            statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
            if (isServerFault(outcome.status, outcome.body) && faults.length < 5) {
              const sent = sample.body === undefined ? "" : ` body=${sample.body.slice(0, 300)}`;
              faults.push(
                `${outcome.status} ${method} ${sample.path.slice(0, 200)} ${JSON.stringify(sample.headers)}${sent}` +
                  ` → ${outcome.body.slice(0, 300)}`,
              );
            }
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
        const seconds = (performance.now() - started) / 1000;
        const cpuMs = ((cpuSeconds(app.pid) - cpuBefore) * 1000) / samples.length;
        console.log(
          `fuzz ${method} ${route.template}: ${samples.length} requests in ${seconds.toFixed(1)} s ` +
            `(${Math.round(samples.length / seconds)}/s, server CPU ${cpuMs.toFixed(2)} ms/request), ` +
            `statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
        );
        expect(faults, faults.join("\n")).toEqual([]);
      });
    }
  }
});
