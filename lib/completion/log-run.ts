import "server-only";
import type { CompletionRequest } from "@/lib/schema/completion-request";
import { logError } from "@/lib/server/log-line";
import { normaliseTraceIds, type Store, shouldKeep, toLogEntry } from "@/lib/store";
import type { CompletionResponseBody } from "./response";

/**
 * Logs a finished run (after its last byte went out, so the write never slows the stream). `log_sample_rate` keeps
 * or drops the log and its whole trace together (the draw follows the root trace id). A failed write is reported
 * in the server log with the trace id, never dropped silently.
 */
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
