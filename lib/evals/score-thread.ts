import { Worker } from "node:worker_threads";
import type { ScoreJob, ScoreReply } from "./score-worker";
import type { DeterministicKind } from "./scorers";
import { type EvalContext, EvalMetricError } from "./types";

/** How long one deterministic scorer may run in the scorer thread before it is stopped and reported as not scored. */
export function scorerTimeoutMs(): number {
  const value = Number(process.env.EVAL_SCORER_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 2000;
}

interface Pending {
  resolve(score: number): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export interface ScoreThreadOptions {
  /** Default: EVAL_SCORER_TIMEOUT_MS, else 2 s. */
  timeoutMs?: number;
  /** Node flags for the thread (the unit tests load the TypeScript entry through a loader). */
  execArgv?: string[];
}

/**
 * Runs the deterministic scorers off the event loop, in one long-lived worker thread: whatever a hostile pattern,
 * schema or output costs, the server keeps answering. A job past the time limit terminates the thread (a synchronous
 * scorer cannot be interrupted any other way); it and the jobs queued behind it are reported as not scored, and the
 * next job starts a fresh thread.
 */
export class ScoreThread {
  private worker: { worker: Worker; online: Promise<void> } | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: ScoreThreadOptions = {}) {}

  score(
    kind: DeterministicKind,
    output: string,
    context: EvalContext,
    config: Record<string, unknown>,
  ): Promise<number> {
    const { worker, online } = this.ensureWorker();
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? scorerTimeoutMs();
    return new Promise<number>((resolve, reject) => {
      const job: Pending = { resolve, reject, timer: undefined };
      this.pending.set(id, job);
      // The clock starts once the thread runs, so a cold start on a busy machine does not count against the job.
      void online.then(() => {
        if (this.pending.get(id) === job) job.timer = setTimeout(() => this.timeOut(id, timeoutMs), timeoutMs);
      });
      const message: ScoreJob = { id, kind, output, target: context.target, config };
      worker.postMessage(message);
    });
  }

  /** Stops the thread (tests, shutdown); pending jobs are reported as not scored. */
  async close(): Promise<void> {
    const current = this.worker;
    this.worker = undefined;
    this.failAll(new EvalMetricError("not scored: the scorer thread was stopped"));
    await current?.worker.terminate();
  }

  private ensureWorker(): { worker: Worker; online: Promise<void> } {
    if (this.worker) return this.worker;
    // The literal `new Worker(new URL(..., import.meta.url))` is what the bundler recognises and builds as an entry.
    const worker = new Worker(new URL("./score-worker.ts", import.meta.url), {
      execArgv: this.options.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    worker.unref();
    const online = new Promise<void>((resolve) => worker.once("online", () => resolve()));
    worker.on("message", (reply: ScoreReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      clearTimeout(job.timer);
      if ("error" in reply) job.reject(new EvalMetricError(reply.error));
      else job.resolve(reply.score);
    });
    const lost = (reason: string) => {
      if (this.worker?.worker !== worker) return;
      this.worker = undefined;
      this.failAll(new EvalMetricError(`not scored: the scorer thread ${reason}`));
    };
    worker.on("error", (error) => lost(`failed (${error.message})`));
    worker.on("exit", (code) => lost(`exited (${code})`));
    this.worker = { worker, online };
    return this.worker;
  }

  private timeOut(id: number, timeoutMs: number) {
    const job = this.pending.get(id);
    if (!job) return;
    this.pending.delete(id);
    job.reject(
      new EvalMetricError(`not scored: the scorer ran past its ${timeoutMs} ms limit (EVAL_SCORER_TIMEOUT_MS)`),
    );
    const current = this.worker;
    this.worker = undefined;
    this.failAll(new EvalMetricError("not scored: queued behind a scorer that ran past its time limit"));
    void current?.worker.terminate();
  }

  private failAll(error: EvalMetricError) {
    for (const job of this.pending.values()) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    this.pending.clear();
  }
}
