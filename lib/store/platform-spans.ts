import "server-only";
import { type Kysely, sql } from "kysely";
import { fromJson, toJson } from "./json";
import { findLogRow, type LogRow, rowFor, toRecord, writeLogRow } from "./logs";
import type { Database, EvaluationScore, LogEntry, LogRecord, StoreContext } from "./types";

/**
 * Parea SDK spans on top of the logs table. A PUT (or feedback) for a span that is not stored yet waits in
 * `log_patches` and is applied when the span's POST arrives; both paths take the same per-trace lock (Postgres: an
 * advisory transaction lock; SQLite: Kysely runs one transaction at a time per process), so neither can miss the other.
 */
export type SpanPatch = Record<string, unknown>;

async function lockTrace(transaction: Kysely<Database>, context: StoreContext, traceId: string) {
  if (context.dialect === "postgres")
    await sql`select pg_advisory_xact_lock(hashtext(${traceId}))`.execute(transaction);
}

const TEXT_FIELDS = [
  "output",
  "target",
  "error",
  "trace_name",
  "end_user_identifier",
  "session_id",
  "start_timestamp",
  "end_timestamp",
  "feedback_name",
  "feedback_comment",
] as const;
const NUMBER_FIELDS = [
  "latency",
  "cost",
  "input_tokens",
  "output_tokens",
  "total_tokens",
  "time_to_first_token",
  "depth",
  "execution_order",
] as const;
const JSON_FIELDS = ["inputs", "images", "configuration", "children"] as const;

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isScore(value: unknown): value is EvaluationScore {
  const score = (value as EvaluationScore | null)?.score;
  return (
    typeof (value as EvaluationScore | null)?.name === "string" &&
    (typeof score === "boolean" || (typeof score === "number" && Number.isFinite(score)))
  );
}

/** Scores merged by name (a later score with the same name replaces the earlier one); the map keeps numbers. */
export function mergeScores(current: EvaluationScore[], added: EvaluationScore[]): EvaluationScore[] {
  const byName = new Map(current.map((score) => [score.name, score]));
  for (const score of added)
    byName.set(score.name, { name: score.name, score: score.score, reason: score.reason ?? null });
  return [...byName.values()];
}

export function scoreMap(scores: EvaluationScore[]): Record<string, number> {
  return Object.fromEntries(scores.map((score) => [score.name, Number(score.score)]));
}

/** A `field_name_to_value_map` applied to a row: scores and metadata merge, everything else replaces. */
export function applyPatch(row: LogRow, fields: SpanPatch): LogRow {
  const next: LogRow = { ...row };
  for (const field of TEXT_FIELDS) if (field in fields) next[field] = asText(fields[field]);
  for (const field of NUMBER_FIELDS) {
    const value = Number(fields[field]);
    if (field in fields && Number.isFinite(value)) next[field] = value;
  }
  for (const field of JSON_FIELDS)
    if (field in fields) next[field] = fields[field] == null ? null : toJson(fields[field]);
  if ("status" in fields && (fields.status === "success" || fields.status === "error")) next.status = fields.status;
  if (typeof fields.error === "string" && fields.error) next.status = "error";
  if ("cache_hit" in fields) next.cache_hit = fields.cache_hit ? 1 : 0;
  if ("feedback_score" in fields) {
    const value = Number(fields.feedback_score);
    next.feedback_score = fields.feedback_score === null || !Number.isFinite(value) ? null : value;
  }
  if (Array.isArray(fields.tags)) next.tags = toJson([...new Set(fields.tags.map(String))]);
  if (fields.metadata && typeof fields.metadata === "object") {
    next.metadata = toJson({ ...fromJson<Record<string, unknown>>(row.metadata, {}), ...fields.metadata });
  }
  if (Array.isArray(fields.scores)) {
    const merged = mergeScores(fromJson<EvaluationScore[]>(row.evaluation_scores, []), fields.scores.filter(isScore));
    next.evaluation_scores = toJson(merged);
    next.scores = toJson({ ...fromJson<Record<string, number>>(row.scores, {}), ...scoreMap(merged) });
  }
  return next;
}

/** Stores one span (an upsert by trace_id), applying any update that arrived before it. */
export async function writeSpan(context: StoreContext, entry: LogEntry): Promise<void> {
  const row = await rowFor(context, entry);
  await context.db.transaction().execute(async (transaction) => {
    await lockTrace(transaction, context, row.trace_id);
    const pending = await transaction
      .selectFrom("log_patches")
      .select("fields")
      .where("trace_id", "=", row.trace_id)
      .executeTakeFirst();
    // A retried POST carries no feedback; writeLogRow keeps the feedback already on the row.
    await writeLogRow(transaction, pending ? applyPatch(row, fromJson<SpanPatch>(pending.fields, {})) : row);
    if (pending) await transaction.deleteFrom("log_patches").where("trace_id", "=", row.trace_id).execute();
  });
}

/** Updates a stored span, or keeps the update until the span arrives. True when the span was already stored. */
export async function patchSpan(context: StoreContext, traceId: string, fields: SpanPatch): Promise<boolean> {
  return context.db.transaction().execute(async (transaction) => {
    await lockTrace(transaction, context, traceId);
    const row = await transaction.selectFrom("logs").selectAll().where("trace_id", "=", traceId).executeTakeFirst();
    if (row) {
      await writeLogRow(transaction, applyPatch(row as LogRow, fields));
      return true;
    }
    const pending = await transaction
      .selectFrom("log_patches")
      .select("fields")
      .where("trace_id", "=", traceId)
      .executeTakeFirst();
    const merged = pending ? mergePatches(fromJson<SpanPatch>(pending.fields, {}), fields) : fields;
    await transaction
      .insertInto("log_patches")
      .values({ trace_id: traceId, fields: toJson(merged), created_at: new Date().toISOString() })
      .onConflict((conflict) => conflict.column("trace_id").doUpdateSet({ fields: toJson(merged) }))
      .execute();
    return false;
  });
}

function mergePatches(first: SpanPatch, second: SpanPatch): SpanPatch {
  const merged: SpanPatch = { ...first, ...second };
  if (Array.isArray(first.scores) && Array.isArray(second.scores)) {
    merged.scores = mergeScores(first.scores.filter(isScore), second.scores.filter(isScore));
  }
  if (first.metadata && second.metadata && typeof first.metadata === "object") {
    merged.metadata = { ...first.metadata, ...(second.metadata as object) };
  }
  return merged;
}

/** Every stored log of these traces (by root id), in execution order. */
export async function listTraceLogs(
  context: StoreContext,
  rootTraceIds: string[],
  scope: { identity?: string } = {},
): Promise<LogRecord[]> {
  if (rootTraceIds.length === 0) return [];
  const rows = await context.db
    .selectFrom("logs")
    .selectAll()
    .where("root_trace_id", "in", [...new Set(rootTraceIds)])
    .$if(scope.identity !== undefined, (query) => query.where("identity", "=", scope.identity!))
    .orderBy("execution_order")
    .orderBy("created_at")
    .orderBy("trace_id")
    .execute();
  return rows.map(toRecord);
}

/** One stored log; with `scope.identity`, another tenant's trace id reads as unknown. */
export async function getLogRecord(
  context: StoreContext,
  traceId: string,
  scope: { identity?: string } = {},
): Promise<LogRecord | undefined> {
  const row = await findLogRow(context, traceId, scope);
  return row ? toRecord(row) : undefined;
}

export async function projectNameForUuid(context: StoreContext, uuid: string): Promise<string | undefined> {
  for (const [name, known] of context.projectUuids) if (known === uuid) return name;
  const row = await context.db.selectFrom("projects").select("name").where("uuid", "=", uuid).executeTakeFirst();
  if (row) context.projectUuids.set(row.name, uuid);
  return row?.name;
}
