import "server-only";
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { toNumber } from "./json";
import { toRecord } from "./logs";
import { type Database, type LogRecord, type StoreContext, StoreInputError } from "./types";

/** Parea's FilterOperator values, as the SDK sends them. */
export const FILTER_OPERATORS = [
  "equals",
  "not_equals",
  "like",
  "greater_than_or_equal",
  "less_than_or_equal",
  "greater_than",
  "less_than",
  "is_null",
  "exists",
  "in",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface TraceFilter {
  field: string;
  /** For metadata and scores: which key. */
  key?: string | null;
  operator: FilterOperator;
  value?: string | null;
}

export interface TraceQuery {
  project_name?: string | null;
  experiment_uuid?: string | null;
  filter?: TraceFilter | null;
  status?: string | null;
  /** Inclusive lower bound on created_at (ISO). */
  since?: string | null;
  page: number;
  page_size: number;
  /** Only this caller's traces (lib/server/auth logScope); undefined: every tenant's. */
  identity?: string;
}

const TEXT_COLUMNS = [
  "trace_id",
  "trace_name",
  "status",
  "error",
  "output",
  "target",
  "model",
  "provider",
  "end_user_identifier",
  "session_id",
  "experiment_uuid",
  "project_name",
  "inputs",
  "start_timestamp",
  "end_timestamp",
  "created_at",
  "feedback_name",
  "feedback_comment",
] as const;
const NUMBER_COLUMNS = [
  "latency",
  "cost",
  "input_tokens",
  "output_tokens",
  "total_tokens",
  "time_to_first_token",
  "feedback_score",
  "depth",
  "execution_order",
] as const;
/** Fields a filter may name: the columns above, `tags`, and `metadata` / `scores` with a `filter_key`. */
export const FILTER_FIELDS: readonly string[] = [...TEXT_COLUMNS, ...NUMBER_COLUMNS, "tags", "metadata", "scores"];

type Operand = Expression<unknown>;

function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (char) => `!${char}`)}%`;
}

function jsonValue(context: StoreContext, column: "metadata" | "scores", key: string, numeric: boolean): Operand {
  if (context.dialect === "postgres") {
    return numeric
      ? sql`nullif(logs.${sql.ref(column)}::jsonb ->> ${key}, '')::double precision`
      : sql`logs.${sql.ref(column)}::jsonb ->> ${key}`;
  }
  return sql`json_extract(logs.${sql.ref(column)}, ${`$."${key.replace(/"/g, "")}"`})`;
}

function comparison(operand: Operand, filter: TraceFilter, numeric: boolean): Expression<SqlBool> {
  const raw = filter.value ?? "";
  const parse = (text: string) => {
    if (!numeric) return text;
    const number = Number(text);
    if (text.trim() === "" || !Number.isFinite(number)) {
      throw new StoreInputError(`filter_value: ${filter.field} takes a number (got "${text.slice(0, 50)}")`);
    }
    return number;
  };
  const value = () => parse(raw);
  switch (filter.operator) {
    case "is_null":
      return sql<SqlBool>`${operand} is null`;
    case "exists":
      return sql<SqlBool>`${operand} is not null`;
    case "equals":
      return sql<SqlBool>`${operand} = ${value()}`;
    case "not_equals":
      return sql<SqlBool>`(${operand} is null or ${operand} <> ${value()})`;
    case "like":
      return sql<SqlBool>`lower(cast(${operand} as text)) like ${containsPattern(raw)} escape '!'`;
    case "greater_than_or_equal":
      return sql<SqlBool>`${operand} >= ${value()}`;
    case "less_than_or_equal":
      return sql<SqlBool>`${operand} <= ${value()}`;
    case "greater_than":
      return sql<SqlBool>`${operand} > ${value()}`;
    case "less_than":
      return sql<SqlBool>`${operand} < ${value()}`;
    case "in": {
      const values = raw
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean)
        .map(parse);
      if (values.length === 0) return sql<SqlBool>`1 = 0`;
      return sql<SqlBool>`${operand} in (${sql.join(values)})`;
    }
  }
}

function tagCondition(eb: ExpressionBuilder<Database, "logs">, filter: TraceFilter): Expression<SqlBool> {
  const tagged = (values: string[], like = false) =>
    eb
      .selectFrom("log_tags")
      .select("log_tags.trace_id")
      .where((inner) =>
        like
          ? sql<SqlBool>`lower(log_tags.tag) like ${containsPattern(values[0] ?? "")} escape '!'`
          : inner("log_tags.tag", "in", values),
      );
  const raw = filter.value ?? "";
  switch (filter.operator) {
    case "is_null":
      return eb("logs.tags", "=", "[]");
    case "exists":
      return eb("logs.tags", "<>", "[]");
    case "not_equals":
      return eb("logs.trace_id", "not in", tagged([raw]));
    case "like":
      return eb("logs.trace_id", "in", tagged([raw], true));
    case "in":
      return eb("logs.trace_id", "in", tagged(raw.split(",").map((part) => part.trim())));
    case "equals":
      return eb("logs.trace_id", "in", tagged([raw]));
    default:
      throw new StoreInputError(`filter_operator: tags take equals, not_equals, like, in, is_null or exists`);
  }
}

export function traceFilterExpression(
  context: StoreContext,
  eb: ExpressionBuilder<Database, "logs">,
  filter: TraceFilter,
): Expression<SqlBool> {
  if (filter.field === "tags") return tagCondition(eb, filter);
  if (filter.field === "metadata" || filter.field === "scores") {
    if (!filter.key) throw new StoreInputError(`filter_key: filtering on ${filter.field} needs a filter_key`);
    const numeric = filter.field === "scores";
    return comparison(jsonValue(context, filter.field, filter.key, numeric), filter, numeric);
  }
  if ((NUMBER_COLUMNS as readonly string[]).includes(filter.field)) {
    return comparison(sql.ref(`logs.${filter.field}`), filter, true);
  }
  if ((TEXT_COLUMNS as readonly string[]).includes(filter.field)) {
    return comparison(sql.ref(`logs.${filter.field}`), filter, false);
  }
  throw new StoreInputError(`filter_field: unknown field "${filter.field}"; use one of ${FILTER_FIELDS.join(", ")}`);
}

/** Top-level traces (roots) matching the query, newest first, one page, with the total count. */
export async function queryTraceRoots(
  context: StoreContext,
  query: TraceQuery,
): Promise<{ total: number; items: LogRecord[] }> {
  const where = (eb: ExpressionBuilder<Database, "logs">) => {
    const conditions: Expression<SqlBool>[] = [eb("logs.parent_trace_id", "is", null)];
    if (query.project_name) conditions.push(eb("logs.project_name", "=", query.project_name));
    if (query.experiment_uuid) conditions.push(eb("logs.experiment_uuid", "=", query.experiment_uuid));
    if (query.status) conditions.push(eb("logs.status", "=", query.status as "success" | "error"));
    if (query.since) conditions.push(eb("logs.created_at", ">=", query.since));
    if (query.filter) conditions.push(traceFilterExpression(context, eb, query.filter));
    if (query.identity !== undefined) conditions.push(eb("logs.identity", "=", query.identity));
    return eb.and(conditions);
  };
  const count = await context.db
    .selectFrom("logs")
    .select((eb) => eb.fn.countAll().as("count"))
    .where(where)
    .executeTakeFirstOrThrow();
  const rows = await context.db
    .selectFrom("logs")
    .selectAll()
    .where(where)
    .orderBy("created_at", "desc")
    .orderBy("trace_id", "desc")
    .limit(query.page_size)
    .offset((query.page - 1) * query.page_size)
    .execute();
  return { total: toNumber(count.count as number | string), items: rows.map(toRecord) };
}

export interface TraceTotals {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost: number;
}

/** Token and cost sums over every log of each trace (root id → totals), for roots the SDK posts with zeros. */
export async function traceTotals(context: StoreContext, rootTraceIds: string[]): Promise<Map<string, TraceTotals>> {
  const totals = new Map<string, TraceTotals>();
  if (rootTraceIds.length === 0) return totals;
  const rows = await context.db
    .selectFrom("logs")
    .select((eb) => [
      "root_trace_id",
      eb.fn.sum<number>("input_tokens").as("input_tokens"),
      eb.fn.sum<number>("output_tokens").as("output_tokens"),
      eb.fn.sum<number>("total_tokens").as("total_tokens"),
      eb.fn.sum<number>("cost").as("cost"),
    ])
    .where("root_trace_id", "in", [...new Set(rootTraceIds)])
    .where((eb) => eb("trace_id", "<>", eb.ref("root_trace_id")))
    .groupBy("root_trace_id")
    .execute();
  for (const row of rows) {
    totals.set(row.root_trace_id, {
      input_tokens: toNumber(row.input_tokens),
      output_tokens: toNumber(row.output_tokens),
      total_tokens: toNumber(row.total_tokens),
      cost: toNumber(row.cost),
    });
  }
  return totals;
}
