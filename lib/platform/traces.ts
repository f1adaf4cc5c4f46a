import "server-only";
import { type Identity, logScope } from "@/lib/server/auth";
import { type LogRecord, type Store, shouldKeep, type TraceFilter } from "@/lib/store";
import { ID_PATTERN, notFound, parseBody, platformRoute, tooMany } from "./http";
import { mapLangchainRuns } from "./langchain";
import {
  langchainRunSchema,
  MAX_CHILDREN,
  queryParamsSchema,
  type TraceLogBody,
  traceLogFiltersSchema,
  traceLogSchema,
  updateLogSchema,
} from "./schemas";
import { buildTree, type TraceTree, traceLogToEntry } from "./trace-log";

/** The project a span belongs to: by the uuid the SDK got from /project, else "default". */
async function projectOf(store: Store, uuid: string | null | undefined, name?: string | null) {
  if (uuid) {
    const known = await store.projectNameForUuid(uuid);
    if (known) return { name: known, uuid };
  }
  return { name: name || "default", uuid: null };
}

/** Stores one span unless log_sample_rate drops its trace (the draw follows the root id, as for completions). */
export async function storeSpan(store: Store, body: TraceLogBody, identity: Identity): Promise<boolean> {
  if ((body.children?.length ?? 0) > MAX_CHILDREN) throw tooMany("children", MAX_CHILDREN);
  const root = body.root_trace_id || body.trace_id;
  if (!shouldKeep(body.trace_id, root, body.log_sample_rate ?? 1)) return false;
  const project = await projectOf(store, body.project_uuid, body.project_name);
  // Whose trace it is: reads are scoped by it when PLAYGROUND_API_KEYS is set (lib/server/auth logScope).
  await store.writeSpan({ ...traceLogToEntry(body, project.name, project.uuid), identity: identity.id });
  return true;
}

/** POST /trace_log: an upsert by trace_id (SDK retries resend the same body). */
export const postTraceLog = platformRoute("POST /trace_log", async ({ request, store, identity }) => {
  const body = await parseBody(request, traceLogSchema);
  const stored = await storeSpan(store, body, identity);
  return { trace_id: body.trace_id, stored };
});

/** PUT /trace_log: a partial update, kept until its span arrives when that has not happened yet. */
export const putTraceLog = platformRoute("PUT /trace_log", async ({ request, store }) => {
  const body = await parseBody(request, updateLogSchema);
  const applied = await store.patchSpan(body.trace_id, body.field_name_to_value_map);
  return { trace_id: body.trace_id, applied, pending: !applied };
});

/** POST /trace_log/{vendor}: LangChain runs (the only vendor the SDK has) mapped into spans. */
export const postVendorTraceLog = platformRoute<{ id: string }>(
  "POST /trace_log/{vendor}",
  async ({ request, store, params, identity }) => {
    if (params.id !== "langchain") throw notFound(`Unknown trace vendor "${params.id.slice(0, 50)}"; use langchain.`);
    const spans = mapLangchainRuns(await parseBody(request, langchainRunSchema));
    if (spans.length > MAX_CHILDREN) throw tooMany("runs", MAX_CHILDREN);
    for (const span of spans) await storeSpan(store, span, identity);
    return { stored: spans.length };
  },
);

/** The trees for these roots, each from one read of its trace's logs. */
export async function treesFor(store: Store, roots: LogRecord[], identity?: string): Promise<TraceTree[]> {
  const logs = await store.listTraceLogs(
    roots.map((root) => root.root_trace_id),
    { identity },
  );
  const byTrace = new Map<string, LogRecord[]>();
  for (const log of logs) byTrace.set(log.root_trace_id, [...(byTrace.get(log.root_trace_id) ?? []), log]);
  return roots.flatMap((root) => buildTree(byTrace.get(root.root_trace_id) ?? [root], root.trace_id) ?? []);
}

/** GET /trace_log/{trace_id}: the span with its whole subtree in children_logs. */
export const getTraceLog = platformRoute<{ id: string }>("GET /trace_log/{id}", async ({ store, params, identity }) => {
  const scope = logScope(identity);
  const log = ID_PATTERN.test(params.id) ? await store.getLogRecord(params.id, { identity: scope }) : undefined;
  if (!log) throw notFound(`No trace log has the id "${params.id.slice(0, 128)}".`);
  const [tree] = await treesFor(store, [log], scope);
  return tree;
});

const RANGE_MS: Record<string, number> = {
  "1h": 3_600_000,
  "3h": 3 * 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 24 * 3_600_000,
  "7d": 7 * 86_400_000,
  "1m": 30 * 86_400_000,
  "3m": 91 * 86_400_000,
  "6m": 182 * 86_400_000,
  "1y": 365 * 86_400_000,
};

export function toTraceFilter(body: {
  filter_field?: string | null;
  filter_key?: string | null;
  filter_operator?: TraceFilter["operator"] | null;
  filter_value?: string | null;
}): TraceFilter | null {
  if (!body.filter_field) return null;
  return {
    field: body.filter_field,
    key: body.filter_key ?? null,
    operator: body.filter_operator ?? "equals",
    value: body.filter_value ?? null,
  };
}

/** POST /get_trace_logs: a project's top-level traces, newest first, filtered and paged. */
export const getTraceLogs = platformRoute("POST /get_trace_logs", async ({ request, store, identity }) => {
  const scope = logScope(identity);
  const body = await parseBody(request, queryParamsSchema);
  const page = body.page ?? 1;
  const pageSize = body.page_size ?? 20;
  const range = RANGE_MS[body.time_range ?? "na"];
  const { total, items } = await store.queryTraceRoots({
    project_name: body.project_name,
    filter: toTraceFilter(body),
    status: body.status ?? null,
    since: range ? new Date(Date.now() - range).toISOString() : null,
    page,
    page_size: pageSize,
    identity: scope,
  });
  return {
    total,
    page,
    page_size: pageSize,
    total_pages: Math.ceil(total / pageSize),
    results: await treesFor(store, items, scope),
  };
});

/** POST /experiment/{uuid}/trace_logs: the experiment's sample traces (filtered), as trees. */
export const getExperimentTraceLogs = platformRoute<{ uuid: string }>(
  "POST /experiment/{uuid}/trace_logs",
  async ({ request, store, params }) => {
    const body = await parseBody(request, traceLogFiltersSchema);
    const experiment = ID_PATTERN.test(params.uuid) ? await store.getExperiment(params.uuid) : undefined;
    if (!experiment) throw notFound(`No experiment has the uuid "${params.uuid.slice(0, 128)}".`);
    const { items } = await store.queryTraceRoots({
      experiment_uuid: params.uuid,
      filter: toTraceFilter(body),
      page: 1,
      page_size: 10_000,
    });
    return treesFor(store, items.reverse());
  },
);
