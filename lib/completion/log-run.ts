import "server-only";
import type { CompletionRequest } from "@/lib/schema/completion-request";
import { logError } from "@/lib/server/log-line";
import { normaliseTraceIds, type Store, shouldKeep, toLogEntry } from "@/lib/store";
import type { PreparedRun } from "./prepare";
import { buildResponse, type CompletionResponseBody } from "./response";
import { RunState } from "./run-state";

/**
 * A run's log row: written "running" when the run starts (not awaited: nothing is added before the first byte),
 * replaced by the finished row before the final event goes out (read-your-writes: a client that has the outcome finds
 * it in the log, not a stale "running"). A process killed mid-run leaves the "running" row, which the same instance
 * marks "interrupted" at its next start-up (markInterruptedRuns). `log_sample_rate` keeps or drops the log and its
 * whole trace together (the draw follows the root trace id, so the start and the end agree). A failed write is
 * reported in the server log with the trace id, never dropped silently.
 */
export interface RunLog {
  /** Writes the finished row, after the start write settled (the same trace id: the row is replaced). */
  finish(request: CompletionRequest, body: CompletionResponseBody): Promise<void>;
}

/** PLAYGROUND_INSTANCE_ID (scripts/start.mjs sets host:port): which process a "running" row belongs to. */
export const instanceId = () => process.env.PLAYGROUND_INSTANCE_ID || null;

function kept(request: CompletionRequest, traceId: string): boolean {
  const ids = normaliseTraceIds(request, traceId);
  return shouldKeep(ids.traceId, ids.rootTraceId, request.log_sample_rate ?? 1);
}

/** Fires the "running" row without waiting for it: the caller goes on to the provider at once. */
export function startRunLog(store: Store | undefined, run: PreparedRun, identity: string | null = null): RunLog {
  let started: Promise<void> = Promise.resolve();
  if (store && kept(run.request, run.traceId)) {
    const body = buildResponse(run, new RunState(), undefined);
    const entry = toLogEntry(run.request, body, { traceIds: normaliseTraceIds(run.request, run.traceId), identity });
    const row = { ...entry, status: "running" as const, output: null, end_timestamp: null, instance_id: instanceId() };
    // On the next turn: the cache read and the provider call queue first on SQLite's one connection.
    started = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => store.writeLog(row))
      .catch((error) => logError(`[store] log ${run.traceId} (start) not written: ${(error as Error).message}`));
  }
  return {
    async finish(request, body) {
      await started;
      await logRun(store, request, body, identity);
    },
  };
}

export async function logRun(
  store: Store | undefined,
  request: CompletionRequest,
  body: CompletionResponseBody,
  /** The caller (lib/server/auth Identity.id): whose logs this row is when logs are scoped per identity. */
  identity: string | null = null,
) {
  const ids = normaliseTraceIds(request, body.trace_id);
  if (!shouldKeep(ids.traceId, ids.rootTraceId, request.log_sample_rate ?? 1)) return;
  if (!store) {
    logError(`[store] log ${body.trace_id} not written: the store is unavailable`);
    return;
  }
  try {
    await store.writeLog(toLogEntry(request, body, { traceIds: ids, scores: body.scores, identity }));
  } catch (error) {
    logError(`[store] log ${body.trace_id} not written: ${(error as Error).message}`);
  }
}

/** At start-up: this instance's rows left "running" by its previous process become "interrupted". */
export async function markInterruptedRuns(store: Store): Promise<number> {
  const id = instanceId();
  return id ? store.markInterrupted(id) : 0;
}
