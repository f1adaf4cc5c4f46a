import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { toIsoTime } from "./json";
import { type Database, type LogFilters, StoreInputError } from "./types";

/** LIKE with the pattern's own % and _ taken literally. `!` is the escape character in both dialects' SQL below. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (char) => `!${char}`)}%`;
}

/** The filters as one WHERE expression, shared by listLogs and logStats. */
export function logFilterExpression(eb: ExpressionBuilder<Database, "logs">, filters: LogFilters): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  const equal = ["project_name", "project_uuid", "status", "provider", "model", "end_user_identifier"] as const;
  for (const column of equal) {
    const value = filters[column];
    if (value !== undefined && value !== null && value !== "") conditions.push(eb(`logs.${column}`, "=", value));
  }
  if (filters.identity !== undefined) conditions.push(eb("logs.identity", "=", filters.identity));
  if (filters.experiment_uuid) conditions.push(eb("logs.experiment_uuid", "=", filters.experiment_uuid));
  if (filters.root_trace_id) conditions.push(eb("logs.root_trace_id", "=", filters.root_trace_id));
  if (filters.from !== undefined) conditions.push(eb("logs.created_at", ">=", toIsoTime(filters.from, "from")));
  if (filters.to !== undefined) conditions.push(eb("logs.created_at", "<", toIsoTime(filters.to, "to")));
  const tags = [...new Set(filters.tags ?? [])];
  if (tags.length > 0) {
    const tagged = eb.selectFrom("log_tags").select("log_tags.trace_id").where("log_tags.tag", "in", tags);
    conditions.push(eb("logs.trace_id", "in", tagged));
  }
  if (filters.search?.trim()) {
    // lower() is Unicode-aware in Postgres; on SQLite db.ts replaces the ASCII-only built-in with String#toLowerCase.
    const pattern = containsPattern(filters.search.trim());
    conditions.push(
      eb.or([
        sql<SqlBool>`lower(logs.output) like ${pattern} escape '!'`,
        sql<SqlBool>`lower(logs.request) like ${pattern} escape '!'`,
        sql<SqlBool>`lower(logs.trace_name) like ${pattern} escape '!'`,
      ]),
    );
  }
  return eb.and(conditions);
}

export interface Cursor {
  createdAt: string;
  traceId: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.traceId])).toString("base64url");
}

export function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === "string")) {
      return { createdAt: value[0] as string, traceId: value[1] as string };
    }
  } catch {
    // fall through to the error below
  }
  throw new StoreInputError("invalid cursor");
}

/** Keyset condition for (created_at desc, trace_id desc): rows strictly after the cursor. */
export function afterCursor(eb: ExpressionBuilder<Database, "logs">, cursor: Cursor): Expression<SqlBool> {
  return eb.or([
    eb("logs.created_at", "<", cursor.createdAt),
    eb.and([eb("logs.created_at", "=", cursor.createdAt), eb("logs.trace_id", "<", cursor.traceId)]),
  ]);
}
