import "server-only";
import { z } from "zod";
import { type ValidationDetail, validationError } from "@/lib/completion/errors";
import type { LogFilters, LogRecord } from "@/lib/store";

/**
 * The query string of GET /api/logs and /api/logs/stats: the store's LogFilters under short, URL-friendly names
 * (the same names the /logs page keeps in its own URL). An empty parameter means "no filter", so a form can send
 * every field. Anything malformed is a 422 in FastAPI's shape, with `loc: ["query", <name>]`.
 */
const text = z.string().trim().max(500);

/** ISO 8601 or epoch milliseconds, normalised to the ISO string the store compares against. */
const time = text
  .transform((value) => (/^\d{1,15}$/.test(value) ? new Date(Number(value)) : new Date(value)))
  .refine((date) => !Number.isNaN(date.getTime()), "not a valid time: use ISO 8601 or epoch milliseconds")
  .transform((date) => date.toISOString());

export const logFiltersQuerySchema = z.object({
  project: text.optional(),
  tags: z
    .array(text)
    .max(50)
    .optional()
    .transform((tags) => {
      const list = (tags ?? []).flatMap((tag) => tag.split(",")).map((tag) => tag.trim());
      return list.filter(Boolean);
    }),
  status: z.enum(["success", "error", "running", "interrupted"]).optional(),
  provider: text.optional(),
  model: text.optional(),
  end_user: text.optional(),
  experiment: text.optional(),
  root_trace_id: text.optional(),
  from: time.optional(),
  to: time.optional(),
  search: text.optional(),
});

export const logsListQuerySchema = logFiltersQuerySchema.extend({
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const logStatsQuerySchema = logFiltersQuerySchema.extend({
  bucket: z.enum(["hour", "day"]).default("hour"),
});

/** Search params → the schema's input: empty values dropped, `tags` may repeat. Throws the 422 CompletionError. */
export function parseQuery<T extends z.ZodType>(schema: T, params: URLSearchParams): z.output<T> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of params) {
    if (value.trim() === "") continue;
    if (name === "tags") input.tags = [...((input.tags as string[] | undefined) ?? []), value];
    else input[name] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(queryDetail(parsed.error));
  return parsed.data;
}

export function queryDetail(error: z.ZodError): ValidationDetail[] {
  return error.issues.map((issue) => ({
    loc: ["query", ...issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment))],
    msg: issue.message,
    type: issue.code,
  }));
}

export function toLogFilters(query: z.output<typeof logFiltersQuerySchema>): LogFilters {
  return {
    project_name: query.project,
    tags: query.tags.length > 0 ? query.tags : undefined,
    status: query.status,
    provider: query.provider,
    model: query.model,
    end_user_identifier: query.end_user,
    experiment_uuid: query.experiment,
    root_trace_id: query.root_trace_id,
    from: query.from,
    to: query.to,
    search: query.search,
  };
}

const PREVIEW_CHARS = 200;

function preview(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.length > PREVIEW_CHARS ? `${value.slice(0, PREVIEW_CHARS)}…` : value;
}

/** The last user turn of the logged request (or an SDK span's inputs), for the table's "input" column. */
function inputPreview(log: LogRecord): string | null {
  const configuration = (log.configuration ?? log.request?.llm_configuration) as { messages?: unknown } | undefined;
  if (!configuration?.messages && log.inputs) return preview(JSON.stringify(log.inputs));
  const messages = Array.isArray(configuration?.messages) ? (configuration.messages as unknown[]) : [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as { role?: unknown; content?: unknown } | undefined;
    if (message?.role === "user" && typeof message.content === "string") return preview(message.content);
  }
  const last = messages.at(-1) as { content?: unknown } | undefined;
  return typeof last?.content === "string" ? preview(last.content) : null;
}

/** A list row: everything but the request body, the metadata and the full output. */
export function toLogListItem(log: LogRecord) {
  return {
    trace_id: log.trace_id,
    parent_trace_id: log.parent_trace_id,
    root_trace_id: log.root_trace_id,
    trace_name: log.trace_name,
    project_name: log.project_name,
    experiment_uuid: log.experiment_uuid,
    provider: log.provider,
    model: log.model,
    status: log.status,
    error: log.error,
    latency: log.latency,
    time_to_first_token: log.time_to_first_token,
    input_tokens: log.input_tokens,
    output_tokens: log.output_tokens,
    total_tokens: log.total_tokens,
    cost: log.cost,
    cache_hit: log.cache_hit,
    tags: log.tags,
    end_user_identifier: log.end_user_identifier,
    scores: log.scores,
    created_at: log.created_at,
    source: log.source ?? "completion",
    session_id: log.session_id ?? null,
    depth: log.depth ?? 0,
    execution_order: log.execution_order ?? 0,
    feedback_score: log.feedback?.score ?? null,
    input_preview: inputPreview(log),
    output_preview: preview(log.output),
  };
}

/** A StoreInputError (a cursor or time the store refuses) as a 422 on the query. */
export function storeInputDetail(message: string): ValidationDetail[] {
  const field = /cursor/i.test(message) ? "cursor" : /^(from|to):/.exec(message)?.[1];
  return [{ loc: field ? ["query", field] : ["query"], msg: message, type: "value_error" }];
}
