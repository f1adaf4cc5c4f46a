import "server-only";
import type { LogRecord, Store } from "@/lib/store";
import { withTotals } from "./trace-log";

/**
 * Roots whose own tokens and cost are zero (what the SDK posts for @trace spans) get their trace's sums, so the
 * logs list and detail show what the trace spent. One grouped query per page.
 */
export async function withTraceTotals<T extends LogRecord>(store: Store, logs: T[]): Promise<T[]> {
  const roots = logs.filter(
    (log) => !log.parent_trace_id && log.input_tokens === 0 && log.output_tokens === 0 && log.cost === 0,
  );
  if (roots.length === 0) return logs;
  const totals = await store.traceTotals(roots.map((log) => log.trace_id));
  return logs.map((log) => (log.parent_trace_id ? log : withTotals(log, totals.get(log.trace_id))));
}
