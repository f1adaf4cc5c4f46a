import { RunFailure, streamCompletion } from "@/lib/client/run-stream";
import { type RunResult, type RunSnapshot, toMetrics } from "@/lib/client/run-types";
import { createLimiter, type Limiter } from "./concurrency";
import { columnStatus, type SampleRun } from "./run-stats";

/**
 * The compare view's runs, outside React: every column streams through one concurrency limiter, text lands in
 * mutable samples, and at most once per animation frame each column that changed publishes a fresh immutable
 * snapshot to its own subscribers (useSyncExternalStore). Eight columns of fast tokens cost eight small renders a
 * frame, never one per token; a settled sample publishes at once and tells the status subscribers (chart, diff,
 * history), who never hear of single tokens.
 */

export interface ColumnRuns {
  samples: readonly SampleRun[];
  status: SampleRun["status"] | "idle";
}

export interface SettledSample {
  columnId: string;
  body: Record<string, unknown>;
  snapshot: RunSnapshot;
}

type Stream = typeof streamCompletion;

const EMPTY: ColumnRuns = { samples: [], status: "idle" };

export class CompareRunStore {
  private readonly live = new Map<string, SampleRun[]>();
  private readonly published = new Map<string, ColumnRuns>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly statusListeners = new Set<() => void>();
  private readonly dirty = new Set<string>();
  private frame: number | undefined;
  private statusVersion = 0;

  constructor(
    private readonly limiter: Limiter = createLimiter(),
    private readonly stream: Stream = streamCompletion,
    private readonly onSettled?: (sample: SettledSample) => void,
  ) {}

  subscribe = (columnId: string, listener: () => void): (() => void) => {
    let set = this.listeners.get(columnId);
    if (!set) this.listeners.set(columnId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };

  get = (columnId: string): ColumnRuns => this.published.get(columnId) ?? EMPTY;

  /**
   * Changes when a column starts, a sample settles or a column is cleared (never on a token): what the header's
   * Run all / Stop all, the chart and the diffs re-read on.
   */
  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  getStatusVersion = (): number => this.statusVersion;

  isRunning(): boolean {
    return [...this.published.values()].some((runs) => runs.status === "running");
  }

  /** Starts `repeat` samples of `body` for the column (after stopping what it was running). */
  run(columnId: string, body: Record<string, unknown>, options: { repeat?: number; accessKey?: string } = {}) {
    this.stop(columnId);
    const controller = new AbortController();
    this.controllers.set(columnId, controller);
    const samples: SampleRun[] = Array.from({ length: Math.max(1, options.repeat ?? 1) }, () => ({
      status: "queued",
      text: "",
    }));
    this.live.set(columnId, samples);
    this.publish(columnId);
    this.bumpStatus();
    return Promise.all(
      samples.map((sample) => this.runSample(columnId, sample, body, controller.signal, options.accessKey)),
    );
  }

  stop(columnId: string) {
    this.controllers.get(columnId)?.abort();
    this.controllers.delete(columnId);
  }

  stopAll() {
    for (const columnId of [...this.controllers.keys()]) this.stop(columnId);
  }

  clear(columnId: string) {
    this.stop(columnId);
    this.live.delete(columnId);
    this.publish(columnId);
    this.bumpStatus();
  }

  /** Shows a problem found before sending (an invalid request) as the column's result. */
  fail(columnId: string, message: string) {
    this.stop(columnId);
    this.live.set(columnId, [{ status: "error", text: "", errorMessage: message, finishedAt: Date.now() }]);
    this.publish(columnId);
    this.bumpStatus();
  }

  private async runSample(
    columnId: string,
    sample: SampleRun,
    body: Record<string, unknown>,
    signal: AbortSignal,
    accessKey: string | undefined,
  ) {
    let result: RunResult | undefined;
    try {
      result = await this.limiter.run(() => {
        sample.status = "running";
        sample.startedAt = Date.now();
        this.markDirty(columnId);
        return this.stream(
          body,
          { signal, accessKey },
          {
            onStart: () => undefined,
            onText: (piece) => {
              sample.text += piece;
              this.markDirty(columnId);
            },
            onToolCallDeltas: () => undefined,
          },
        );
      }, signal);
      sample.status = "done";
      // A function-calling run streams no text: show its calls' JSON, which is what Parea's content holds.
      if (sample.text === "" && result.content) sample.text = result.content;
      sample.result = toMetrics(result);
    } catch (error) {
      if (signal.aborted) sample.status = "stopped";
      else {
        sample.status = "error";
        sample.errorMessage = error instanceof RunFailure ? error.info.message : String(error);
        if (error instanceof RunFailure && error.result) sample.result = toMetrics(error.result);
      }
    }
    sample.finishedAt = Date.now();
    this.publish(columnId);
    this.bumpStatus();
    this.onSettled?.({
      columnId,
      body,
      snapshot: {
        status: sample.status,
        text: sample.text,
        toolCalls: [],
        result: sample.result,
        error: sample.errorMessage ? { status: 0, type: "error", message: sample.errorMessage } : undefined,
        provider: result?.provider ?? (body.llm_configuration as { provider?: string } | undefined)?.provider,
        model: result?.model ?? (body.llm_configuration as { model?: string } | undefined)?.model,
        startedAt: sample.startedAt,
        finishedAt: sample.finishedAt,
      },
    });
  }

  private markDirty(columnId: string) {
    this.dirty.add(columnId);
    if (this.frame === undefined) this.frame = requestAnimationFrame(this.flush);
  }

  private flush = () => {
    this.frame = undefined;
    const columns = [...this.dirty];
    this.dirty.clear();
    for (const columnId of columns) this.publish(columnId);
  };

  private publish(columnId: string) {
    this.dirty.delete(columnId);
    const samples = this.live.get(columnId);
    const next: ColumnRuns = samples
      ? { samples: samples.map((sample) => ({ ...sample })), status: columnStatus(samples) }
      : EMPTY;
    this.published.set(columnId, next);
    for (const listener of this.listeners.get(columnId) ?? []) listener();
  }

  private bumpStatus() {
    this.statusVersion++;
    for (const listener of this.statusListeners) listener();
  }
}
