import { createHash } from "node:crypto";
import type { CompletionRequest } from "@/lib/schema/completion-request";

export interface TraceIds {
  traceId: string;
  parentTraceId: string | null;
  rootTraceId: string;
}

function given(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/**
 * Where a log sits in its trace. Parea's Python SDK marks a top-level call with `root_trace_id: ""` and
 * `parent_trace_id == trace_id`: both mean "no parent". A root without a parent hangs under the root (the only
 * ancestor we know); a parent without a root is taken as the root (the SDK always sends both when nesting).
 */
export function normaliseTraceIds(
  request: Pick<CompletionRequest, "parent_trace_id" | "root_trace_id">,
  traceId: string,
): TraceIds {
  const parent = given(request.parent_trace_id) && request.parent_trace_id !== traceId ? request.parent_trace_id : null;
  const root = given(request.root_trace_id) ? request.root_trace_id : (parent ?? traceId);
  return { traceId, parentTraceId: parent ?? (root !== traceId ? root : null), rootTraceId: root };
}

/**
 * Sampling that keeps whole traces: the draw is a hash of the ROOT id mapped to [0, 1), so every log of a trace gets
 * the same answer without any shared state. Rate 1 (or absent) keeps all, 0 drops all.
 */
export function shouldKeep(traceId: string, rootTraceId: string | null | undefined, rate: number | null | undefined) {
  if (rate === null || rate === undefined || rate >= 1) return true;
  if (!(rate > 0)) return false;
  const anchor = given(rootTraceId) ? rootTraceId : traceId;
  const digest = createHash("sha256").update(anchor).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48 < rate;
}
