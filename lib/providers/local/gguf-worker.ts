/**
 * node-llama-cpp's own GGUF parser, run once per model file in a worker thread with a time and a heap limit before the
 * model is loaded on the main thread. The bounded walk (gguf-header.ts) already refuses the files known to hang that
 * parser; this is the fence for the ones nobody has crafted yet: a parse that loops or balloons is cut off here, and
 * the request gets a 422, instead of the server's event loop and memory going with it.
 *
 * The worker is evaluated from source (no file of its own for the bundler to move) and imports node-llama-cpp from the
 * working directory, as the server does. When it cannot (an unusual layout), the check is skipped and says so once.
 *
 * Server-only by use; it does not import "server-only" so Vitest can load it.
 */
import { Worker } from "node:worker_threads";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
import("node-llama-cpp").then(
  async ({ readGgufFileInfo }) => {
    try {
      await readGgufFileInfo(workerData.path, { readTensorInfo: true, logWarnings: false });
      parentPort.postMessage({ ok: true });
    } catch (error) {
      parentPort.postMessage({ ok: false, message: String((error && error.message) || error) });
    }
  },
  (error) => parentPort.postMessage({ unavailable: String((error && error.message) || error) }),
);
`;

export type GgufParseOutcome =
  | { ok: true }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "timeout" | "memory"; message: string }
  | { ok: true; skipped: string };

function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** LOCAL_MODEL_CHECK_TIMEOUT_MS (default 20 s): how long the metadata of one file may take to parse. */
export const modelCheckTimeoutMs = () => intFromEnv("LOCAL_MODEL_CHECK_TIMEOUT_MS", 20_000);

let reportedUnavailable = false;

/** Parses the file's metadata and tensor table in a worker; never throws. */
export function parseGgufInWorker(
  filePath: string,
  { timeoutMs = modelCheckTimeoutMs(), heapMb = 512 }: { timeoutMs?: number; heapMb?: number } = {},
): Promise<GgufParseOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path: filePath },
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    const finish = (outcome: GgufParseOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          reason: "timeout",
          message: `reading its metadata did not finish in ${Math.round(timeoutMs / 1000)} s (LOCAL_MODEL_CHECK_TIMEOUT_MS)`,
        }),
      timeoutMs,
    );
    worker.on("message", (message: { ok?: boolean; message?: string; unavailable?: string }) => {
      if (message.unavailable !== undefined) {
        if (!reportedUnavailable) {
          reportedUnavailable = true;
          console.error(`[local] GGUF check in a worker skipped: node-llama-cpp not importable there`);
        }
        finish({ ok: true, skipped: message.unavailable });
      } else if (message.ok) finish({ ok: true });
      else finish({ ok: false, reason: "invalid", message: message.message ?? "unreadable metadata" });
    });
    worker.on("error", (error: Error & { code?: string }) =>
      finish(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { ok: false, reason: "memory", message: `reading its metadata needed more than ${heapMb} MB` }
          : { ok: false, reason: "invalid", message: error.message },
      ),
    );
    worker.on("exit", () => finish({ ok: false, reason: "invalid", message: "the metadata reader stopped" }));
  });
}
