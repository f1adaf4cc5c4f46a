// Shared pieces of the benchmarks: start the test upstream and a production app, time streams, summarise.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
export const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

export async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function ensureBuild() {
  if (existsSync(path.join(root, ".next/BUILD_ID"))) return;
  console.log("no production build: running next build first");
  const result = spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], { cwd: root, stdio: "inherit" });
  return new Promise((resolve, reject) =>
    result.on("exit", (code) => (code === 0 ? resolve() : reject(new Error("build failed")))),
  );
}

/** Starts `next start` (one process) with the given env; resolves when /api/health answers. */
export async function startApp(env) {
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/start.mjs", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_RUNS: "0", LOCAL_PREWARM: "0", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Never leave the server behind, whatever ends the benchmark.
  process.on("exit", () => child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    pid: child.pid,
    rssKiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0),
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
        // Next's graceful shutdown waits for open streams (the memory bench holds hundreds): do not wait for them.
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

/**
 * POSTs and times the stream: `firstToken` when `isToken(text so far)` first holds, `total` at the end.
 * Times are ms from the request start.
 */
export function timedStream(url, body, isFirstToken) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstToken;
    let seen = "";
    let bytes = 0;
    let pieces = 0;
    const headers = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(payload),
      authorization: "Bearer sk-bench",
    };
    const request = http.request(url, { method: "POST", agent, headers }, (response) => {
      response.setEncoding("utf8");
      response.on("data", (text) => {
        bytes += text.length;
        pieces++;
        if (firstToken === undefined) {
          seen += text;
          if (isFirstToken(seen)) {
            firstToken = performance.now() - started;
            seen = "";
          }
        }
      });
      response.on("end", () =>
        resolve({ firstToken, total: performance.now() - started, bytes, pieces, status: response.statusCode }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(payload);
  });
}

/** First OpenAI chunk with non-empty delta content. */
export const openaiFirstToken = (text) => /"delta":\{[^}]*"content":"[^"]/.test(text);
/** First Parea event with a non-empty chunk. */
export const pareaFirstToken = (text) => /data: \{"chunk":"[^"]/.test(text);

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const fmt = (ms) => `${ms.toFixed(2)} ms`;
