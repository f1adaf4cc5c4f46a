import "server-only";
import { type Kysely, type Selectable, type SqlBool, sql } from "kysely";
import { fromJson, toJson, toJsonOrNull } from "./json";
import { afterCursor, decodeCursor, encodeCursor, logFilterExpression } from "./log-filters";
import { getOrCreateProject } from "./projects";
import {
  type Database,
  type EvaluationScore,
  type LogEntry,
  type LogFilters,
  type LogRecord,
  type LogsTable,
  type LogWithChildren,
  type Page,
  type StoreContext,
  StoreInputError,
} from "./types";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export type LogRow = Omit<LogsTable, "source" | "depth" | "execution_order"> & {
  source: string;
  depth: number;
  execution_order: number;
};

export function toRow(entry: LogEntry, projectUuid: string): LogRow {
  return {
    trace_id: entry.trace_id,
    parent_trace_id: entry.parent_trace_id,
    root_trace_id: entry.root_trace_id || entry.trace_id,
    project_uuid: projectUuid,
    project_name: entry.project_name,
    experiment_uuid: entry.experiment_uuid,
    trace_name: entry.trace_name,
    end_user_identifier: entry.end_user_identifier,
    metadata: toJsonOrNull(entry.metadata),
    tags: toJson([...new Set(entry.tags)]),
    target: entry.target,
    provider: entry.provider,
    model: entry.model,
    request: toJsonOrNull(entry.request),
    output: entry.output,
    input_tokens: entry.input_tokens,
    output_tokens: entry.output_tokens,
    total_tokens: entry.total_tokens,
    cost: entry.cost,
    latency: entry.latency,
    time_to_first_token: entry.time_to_first_token,
    status: entry.status,
    error: entry.error,
    cache_hit: entry.cache_hit ? 1 : 0,
    scores: toJson(entry.scores ?? {}),
    start_timestamp: entry.start_timestamp,
    end_timestamp: entry.end_timestamp,
    created_at: entry.created_at ?? new Date().toISOString(),
    identity: entry.identity ?? null,
    instance_id: entry.instance_id ?? null,
    source: entry.source ?? "completion",
    inputs: toJsonOrNull(entry.inputs),
    children: toJsonOrNull(entry.child_ids),
    session_id: entry.session_id ?? null,
    evaluation_scores: toJsonOrNull(entry.evaluation_scores),
    images: toJsonOrNull(entry.images),
    configuration: toJsonOrNull(entry.configuration),
    feedback_score: entry.feedback?.score ?? null,
    feedback_name: entry.feedback?.name ?? null,
    feedback_comment: entry.feedback?.comment ?? null,
    depth: entry.depth ?? 0,
    execution_order: entry.execution_order ?? 0,
  };
}

export function toRecord(row: Selectable<LogsTable>): LogRecord {
  const {
    feedback_score,
    feedback_name,
    feedback_comment,
    children,
    identity: _identity,
    instance_id: _instance,
    ...rest
  } = row;
  return {
    ...rest,
    source: row.source === "sdk" ? "sdk" : "completion",
    inputs: fromJson<Record<string, unknown> | null>(row.inputs, null),
    child_ids: fromJson<string[]>(children, []),
    evaluation_scores: fromJson<EvaluationScore[] | null>(row.evaluation_scores, null),
    images: fromJson<unknown[] | null>(row.images, null),
    configuration: fromJson<Record<string, unknown> | null>(row.configuration, null),
    feedback:
      feedback_score === null || feedback_score === undefined
        ? null
        : { score: Number(feedback_score), name: feedback_name, comment: feedback_comment },
    depth: Number(row.depth),
    execution_order: Number(row.execution_order),
    metadata: fromJson<Record<string, unknown> | null>(row.metadata, null),
    tags: fromJson<string[]>(row.tags, []),
    request: fromJson<Record<string, unknown> | null>(row.request, null),
    input_tokens: Number(row.input_tokens),
    output_tokens: Number(row.output_tokens),
    total_tokens: Number(row.total_tokens),
    cost: Number(row.cost),
    latency: Number(row.latency),
    time_to_first_token: Number(row.time_to_first_token),
    cache_hit: Boolean(row.cache_hit),
    scores: fromJson<Record<string, number>>(row.scores, {}),
  };
}

async function projectUuidFor(context: StoreContext, name: string): Promise<string> {
  const known = context.projectUuids.get(name);
  if (known) return known;
  const project = await getOrCreateProject(context, name);
  context.projectUuids.set(name, project.uuid);
  return project.uuid;
}

/**
 * Stores one log. Writing the same trace_id again replaces the row (an SDK retry must not fail), keeping its
 * original created_at so its place in the list does not move.
 */
export async function writeLog(context: StoreContext, entry: LogEntry): Promise<void> {
  const row = await rowFor(context, entry);
  await context.db.transaction().execute((transaction) => writeLogRow(transaction, row));
}

/** The row for an entry, its project resolved (or created) by name when the entry has no uuid. */
export async function rowFor(context: StoreContext, entry: LogEntry): Promise<LogRow> {
  const projectUuid = entry.project_uuid || (await projectUuidFor(context, entry.project_name));
  return toRow(entry, projectUuid);
}

/**
 * The one place a log row is written (inside the caller's transaction): an upsert by trace_id plus its tag index.
 * Feedback stored on a row is kept when the row is written again without any (an SDK retry of its POST).
 */
export async function writeLogRow(transaction: Kysely<Database>, row: LogRow): Promise<void> {
  const { trace_id: _traceId, created_at: _createdAt, ...updatable } = row;
  const { feedback_score: _score, feedback_name: _name, feedback_comment: _comment, ...withoutFeedback } = updatable;
  const tags = JSON.parse(row.tags) as string[];
  // Only the identity that wrote a trace id may rewrite it: another tenant reusing the id must not replace it.
  const result = await transaction
    .insertInto("logs")
    .values(row)
    .onConflict((conflict) =>
      conflict
        .column("trace_id")
        .doUpdateSet(row.feedback_score === null ? withoutFeedback : updatable)
        .where(sql<SqlBool>`coalesce(logs.identity, '') = coalesce(excluded.identity, '')`),
    )
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new StoreInputError(`trace_id ${row.trace_id} belongs to another caller's log; not replaced`);
  }
  await transaction.deleteFrom("log_tags").where("trace_id", "=", row.trace_id).execute();
  if (tags.length > 0) {
    await transaction
      .insertInto("log_tags")
      .values(tags.map((tag) => ({ trace_id: row.trace_id, tag })))
      .execute();
  }
}

/** One log row by trace id; with `scope.identity`, another tenant's trace id reads as unknown. */
export function findLogRow(context: StoreContext, traceId: string, scope: { identity?: string } = {}) {
  return context.db
    .selectFrom("logs")
    .selectAll()
    .where("trace_id", "=", traceId)
    .$if(scope.identity !== undefined, (query) => query.where("identity", "=", scope.identity!))
    .executeTakeFirst();
}

/**
 * A log and its direct children (logs whose parent_trace_id is it), oldest child first. With `scope.identity`, only
 * that caller's log and children.
 */
export async function getLog(
  context: StoreContext,
  traceId: string,
  scope: { identity?: string } = {},
): Promise<LogWithChildren | undefined> {
  const row = await findLogRow(context, traceId, scope);
  if (!row) return undefined;
  const children = await context.db
    .selectFrom("logs")
    .selectAll()
    .where("parent_trace_id", "=", traceId)
    .where("trace_id", "!=", traceId)
    .$if(scope.identity !== undefined, (query) => query.where("identity", "=", scope.identity!))
    .orderBy("created_at")
    .orderBy("trace_id")
    .execute();
  return { ...toRecord(row), children: children.map(toRecord) };
}

/** Newest first, keyset-paginated on (created_at, trace_id): pages stay stable while new logs arrive. */
export async function listLogs(
  context: StoreContext,
  filters: LogFilters = {},
  page: { cursor?: string | null; limit?: number } = {},
): Promise<Page<LogRecord>> {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const cursor = page.cursor ? decodeCursor(page.cursor) : undefined;
  const rows = await context.db
    .selectFrom("logs")
    .selectAll()
    .where((eb) => logFilterExpression(eb, filters))
    .$if(cursor !== undefined, (query) => query.where((eb) => afterCursor(eb, cursor!)))
    .orderBy("created_at", "desc")
    .orderBy("trace_id", "desc")
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toRecord);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, traceId: last.trace_id }) : null;
  return { items, nextCursor };
}

/** Merges scores into a stored log (evals that finish after the log was written). False when there is no such log. */
export async function setLogScores(
  context: StoreContext,
  traceId: string,
  scores: Record<string | number, number>,
): Promise<boolean> {
  return context.db.transaction().execute(async (transaction) => {
    const row = await transaction
      .selectFrom("logs")
      .select("scores")
      .where("trace_id", "=", traceId)
      .$if(context.dialect === "postgres", (query) => query.forUpdate())
      .executeTakeFirst();
    if (!row) return false;
    const merged = { ...fromJson<Record<string, number>>(row.scores, {}), ...scores };
    await transaction
      .updateTable("logs")
      .set({ scores: toJson(merged) })
      .where("trace_id", "=", traceId)
      .execute();
    return true;
  });
}

/**
 * Marks the rows this instance left "running" as "interrupted": called at start-up, when no run of this instance can
 * still be in flight (PLAYGROUND_INSTANCE_ID is host:port, and only one live process can hold a port). Rows of other
 * instances on a shared PostgreSQL stay as they are: they may still be streaming. Returns how many were marked.
 */
export async function markInterrupted(context: StoreContext, instanceId: string): Promise<number> {
  const result = await context.db
    .updateTable("logs")
    .set({
      status: "interrupted",
      error: "The server stopped before this run finished; its output was not kept.",
      instance_id: null,
    })
    .where("status", "=", "running")
    .where("instance_id", "=", instanceId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
