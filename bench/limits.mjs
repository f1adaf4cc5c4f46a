// Issue 9, point 11: what a caller can make the server hold. Prints
//  (a) the server's RSS while 4 clients that never read stream a 100 MiB output (the hostile provider's huge-<bytes>),
//      and how many bytes the provider managed to send;
//  (b) the bytes 200 anonymous POST /api/share calls (~500 KB each) wrote to the store, and their statuses.
// Before/after: run it against another checkout's build with --dir (e.g. the base commit) and --port.
//   node bench/limits.mjs [--dir <checkout with a .next build>] [--port <port>] [--env KEY=VALUE ...]
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { startHostile } from "../e2e/hostile/server.mjs";
import { freePort } from "./support.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const dir = path.resolve(option("--dir", path.resolve(import.meta.dirname, "..")));
const extraEnv = Object.fromEntries(
  args.flatMap((arg, index) => (args[index - 1] === "--env" ? [arg.split(/=(.*)/s).slice(0, 2)] : [])),
);
const TOTAL = 100 * 1024 * 1024;
const CLIENTS = 4;
const SHARES = 200;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function startApp(dataDir) {
  const port = Number(option("--port", 0)) || (await freePort());
  const child = spawn(process.execPath, ["scripts/start.mjs", "-p", String(port)], {
    cwd: dir,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_RUNS: "0",
      LOCAL_PREWARM: "0",
      BASE_URL_ALLOW: "loopback",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      PLAYGROUND_API_KEYS: "",
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.on("exit", () => child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      await sleep(100);
    }
  }
  const rssMiB = () =>
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  const stop = () =>
    new Promise((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
    });
  return { url, rssMiB, stop };
}

function post(url, body, onResponse) {
  const payload = JSON.stringify(body);
  const request = http.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
  });
  request.on("error", () => undefined);
  request.on("response", onResponse);
  request.end(payload);
  return request;
}

async function neverReadingClients(app, hostile) {
  // Warm the route first (one small run, read to the end), so the figure is the streams' and not the route's code.
  const warm = {
    provider_api_key: "sk-bench",
    cache: false,
    llm_configuration: {
      provider: "openai",
      model: "warm-up",
      base_url: `${hostile.url}/huge-65536/v1`,
      messages: [{ role: "user", content: "Say a little" }],
    },
  };
  for (let index = 0; index < 3; index++) {
    const response = await fetch(`${app.url}/api/parea/v1/completion/stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(warm),
    });
    await response.arrayBuffer();
  }
  hostile.requests.length = 0;
  await sleep(1000);
  const idle = app.rssMiB();
  const clients = [];
  for (let index = 0; index < CLIENTS; index++) {
    const body = {
      provider_api_key: "sk-bench",
      cache: false,
      llm_configuration: {
        provider: "openai",
        model: `huge-bench-${index}`,
        base_url: `${hostile.url}/huge-${TOTAL}/v1`,
        messages: [{ role: "user", content: "Say a lot" }],
      },
    };
    clients.push(post(`${app.url}/api/parea/v1/completion/stream`, body, (response) => response.pause()));
  }
  // Sample until the provider has stopped sending (backpressure holds it, or it sent everything) or 3 min pass.
  let peak = idle;
  let last = -1;
  let still = 0;
  for (let tick = 0; tick < 360 && still < 6; tick++) {
    await sleep(500);
    peak = Math.max(peak, app.rssMiB());
    const sent = hostile.requests.reduce((sum, entry) => sum + (entry.bytesSent ?? 0), 0);
    still = sent === last ? still + 1 : 0;
    last = sent;
  }
  const settled = app.rssMiB();
  for (const client of clients) client.destroy();
  return { idle, peak, settled, sentMiB: last / 1024 / 1024 };
}

function directoryBytes(directory) {
  let total = 0;
  for (const name of readdirSync(directory, { recursive: true })) {
    const stat = statSync(path.join(directory, String(name)));
    if (stat.isFile()) total += stat.size;
  }
  return total;
}

async function anonymousShares(app, dataDir) {
  const before = directoryBytes(dataDir);
  const body = {
    request: {
      llm_configuration: { provider: "openai", model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] },
      metadata: { blob: "b".repeat(500 * 1024) },
    },
  };
  const statuses = {};
  for (let index = 0; index < SHARES; index++) {
    const response = await fetch(`${app.url}/api/share`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    await response.arrayBuffer();
  }
  await sleep(500);
  // The rows themselves (the files' growth also counts WAL frames that a checkpoint has not yet folded in).
  const database = new Database(path.join(dataDir, "playground.db"), { readonly: true });
  const rows = database.prepare("SELECT count(*) AS count, sum(length(content)) AS bytes FROM snapshots").get();
  database.close();
  return {
    fileGrowthMiB: (directoryBytes(dataDir) - before) / 1024 / 1024,
    rowMiB: (rows.bytes ?? 0) / 1024 / 1024,
    rows: rows.count,
    statuses,
  };
}

const dataDir = mkdtempSync(path.join(tmpdir(), "bench-limits-"));
const hostile = await startHostile();
const app = await startApp(dataDir);
try {
  console.log(`bench/limits.mjs against ${dir}${Object.keys(extraEnv).length ? ` ${JSON.stringify(extraEnv)}` : ""}`);
  const streams = await neverReadingClients(app, hostile);
  console.log(
    `(a) ${CLIENTS} never-reading clients of a ${TOTAL / 1024 / 1024} MiB output: RSS idle ${streams.idle.toFixed(0)} MiB, ` +
      `peak ${streams.peak.toFixed(0)} MiB, settled ${streams.settled.toFixed(0)} MiB; ` +
      `the provider sent ${streams.sentMiB.toFixed(1)} MiB of ${(CLIENTS * TOTAL) / 1024 / 1024} MiB`,
  );
  await sleep(2000);
  const shares = await anonymousShares(app, dataDir);
  console.log(
    `(b) ${SHARES} anonymous share posts of ~500 KB: ${shares.rows} snapshots, ${shares.rowMiB.toFixed(1)} MiB of rows ` +
      `stored (data dir grew ${shares.fileGrowthMiB.toFixed(1)} MiB); statuses ${JSON.stringify(shares.statuses)}`,
  );
} finally {
  await app.stop();
  await hostile.close();
  rmSync(dataDir, { recursive: true, force: true });
}
