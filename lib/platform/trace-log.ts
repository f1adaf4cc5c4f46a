import "server-only";
import { type LogEntry, type LogRecord, normaliseTraceIds, type TraceTotals } from "@/lib/store";
import type { TraceLogBody } from "./schemas";

/** A value the SDK may send as JSON of any kind, as the text the logs table holds. */
export function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function stringMap(value: Record<string, unknown> | null | undefined): Record<string, string> | null {
  if (!value) return null;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asText(item) ?? ""]));
}

/** Pure: a posted TraceLog → the log row. A root is `parent_trace_id == trace_id` (or none). */
export function traceLogToEntry(body: TraceLogBody, projectName: string, projectUuid: string | null): LogEntry {
  const ids = normaliseTraceIds(
    { parent_trace_id: body.parent_trace_id || null, root_trace_id: body.root_trace_id || null },
    body.trace_id,
  );
  const configuration = body.configuration ?? null;
  const scores = (body.scores ?? []).map((score) => ({
    name: score.name,
    score: score.score,
    reason: score.reason ?? null,
  }));
  const error = body.error ?? null;
  return {
    trace_id: ids.traceId,
    parent_trace_id: ids.parentTraceId,
    root_trace_id: ids.rootTraceId,
    project_uuid: projectUuid,
    project_name: projectName,
    experiment_uuid: body.experiment_uuid || null,
    trace_name: body.trace_name ?? null,
    end_user_identifier: body.end_user_identifier ?? null,
    metadata: stringMap(body.metadata),
    tags: [...new Set((body.tags ?? []).map((tag) => asText(tag) ?? ""))],
    target: asText(body.target),
    provider: typeof configuration?.provider === "string" ? configuration.provider : null,
    model: typeof configuration?.model === "string" ? configuration.model : null,
    request: null,
    output: asText(body.output),
    input_tokens: body.input_tokens ?? 0,
    output_tokens: body.output_tokens ?? 0,
    total_tokens: body.total_tokens ?? 0,
    cost: body.cost ?? 0,
    latency: body.latency ?? 0,
    time_to_first_token: body.time_to_first_token ?? 0,
    status: body.status === "error" || (body.status !== "success" && error) ? "error" : "success",
    error,
    cache_hit: Boolean(body.cache_hit),
    scores: Object.fromEntries(scores.map((score) => [score.name, Number(score.score)])),
    start_timestamp: body.start_timestamp ?? null,
    end_timestamp: body.end_timestamp ?? null,
    source: "sdk",
    inputs: body.inputs ?? null,
    child_ids: body.children ?? [],
    session_id: body.session_id ?? null,
    evaluation_scores: scores,
    images: body.images ?? [],
    configuration,
    feedback:
      typeof body.feedback_score === "number" ? { score: body.feedback_score, name: null, comment: null } : null,
    depth: body.depth ?? 0,
    execution_order: body.execution_order ?? 0,
  };
}

/** The SDK's configuration rules: `messages` a list with a `content` in each, `model_params` an object. */
function configurationOut(log: LogRecord): Record<string, unknown> | null {
  const source = log.configuration ?? ((log.request?.llm_configuration as Record<string, unknown> | undefined) || null);
  if (!source) return null;
  const messages = Array.isArray(source.messages) ? source.messages : [];
  return {
    ...source,
    messages: messages.map((message) =>
      message && typeof message === "object"
        ? { ...message, content: (message as { content?: unknown }).content ?? "" }
        : { content: asText(message) ?? "" },
    ),
    model_params: source.model_params && typeof source.model_params === "object" ? source.model_params : {},
  };
}

function scoresOut(log: LogRecord) {
  if (log.evaluation_scores && log.evaluation_scores.length > 0) return log.evaluation_scores;
  return Object.entries(log.scores).map(([name, score]) => ({ name, score, reason: null }));
}

function inputsOut(log: LogRecord): Record<string, unknown> {
  if (log.inputs) return log.inputs;
  const inputs = (log.request?.llm_inputs ?? log.request?.inputs) as Record<string, unknown> | undefined;
  return inputs && typeof inputs === "object" ? inputs : {};
}

export interface TraceTree extends Record<string, unknown> {
  trace_id: string;
  children_logs: TraceTree[];
}

/** One log as Parea's TraceLogTree: never a null where the SDK loops, the root its own parent. */
export function toTraceLog(log: LogRecord, children: TraceTree[] = []): TraceTree {
  return {
    trace_id: log.trace_id,
    parent_trace_id: log.parent_trace_id ?? log.trace_id,
    root_trace_id: log.root_trace_id,
    start_timestamp: log.start_timestamp ?? log.created_at,
    end_timestamp: log.end_timestamp,
    organization_id: null,
    project_uuid: log.project_uuid,
    configuration: configurationOut(log),
    inputs: inputsOut(log),
    output: log.output,
    target: log.target,
    latency: log.latency,
    time_to_first_token: log.time_to_first_token || null,
    input_tokens: log.input_tokens,
    output_tokens: log.output_tokens,
    total_tokens: log.total_tokens,
    cost: log.cost,
    scores: scoresOut(log),
    error: log.error,
    status: log.status,
    cache_hit: log.cache_hit,
    feedback_score: log.feedback?.score ?? null,
    feedback: log.feedback ?? null,
    trace_name: log.trace_name,
    children: [...new Set([...(log.child_ids ?? []), ...children.map((child) => child.trace_id)])],
    end_user_identifier: log.end_user_identifier,
    session_id: log.session_id ?? null,
    metadata: log.metadata,
    tags: log.tags,
    experiment_uuid: log.experiment_uuid,
    images: log.images ?? [],
    comments: [],
    annotations: {},
    depth: log.depth ?? 0,
    execution_order: log.execution_order ?? 0,
    children_logs: children,
  };
}

/**
 * The tree under `rootId` from every log of its trace. Children come in execution order; a node the SDK posted
 * with zero tokens and cost gets its descendants' sums (the SDK does not roll LLM usage up into @trace spans).
 */
export function buildTree(logs: LogRecord[], rootId: string): TraceTree | undefined {
  const byParent = new Map<string, LogRecord[]>();
  for (const log of logs) {
    if (!log.parent_trace_id || log.parent_trace_id === log.trace_id) continue;
    const siblings = byParent.get(log.parent_trace_id) ?? [];
    siblings.push(log);
    byParent.set(log.parent_trace_id, siblings);
  }
  const byId = new Map(logs.map((log) => [log.trace_id, log]));
  const seen = new Set<string>();
  const visit = (log: LogRecord, depth: number): TraceTree => {
    seen.add(log.trace_id);
    const children = (byParent.get(log.trace_id) ?? [])
      .filter((child) => !seen.has(child.trace_id))
      .sort(
        (a, b) =>
          (a.execution_order ?? 0) - (b.execution_order ?? 0) ||
          (a.start_timestamp ?? a.created_at).localeCompare(b.start_timestamp ?? b.created_at),
      )
      .map((child) => visit(child, depth + 1));
    const node = toTraceLog(log, children);
    // Completion runs carry no depth of their own: their place in the tree gives it.
    if (log.source !== "sdk") node.depth = depth;
    rollUp(node, children);
    return node;
  };
  const root = byId.get(rootId);
  return root ? visit(root, 0) : undefined;
}

const TOTAL_KEYS = ["input_tokens", "output_tokens", "total_tokens", "cost"] as const;

function rollUp(node: TraceTree, children: TraceTree[]) {
  const own = TOTAL_KEYS.some((key) => Number(node[key]) > 0);
  if (own || children.length === 0) return;
  for (const key of TOTAL_KEYS) {
    const sum = children.reduce((total, child) => total + Number(child[key] ?? 0), 0);
    node[key] = key === "cost" ? Math.round(sum * 1e10) / 1e10 : sum;
  }
}

/** A list row's tokens and cost with its trace's sums, when the row itself has none (an SDK root). */
export function withTotals<T extends TraceTotals>(row: T, totals: TraceTotals | undefined): T {
  if (!totals || TOTAL_KEYS.some((key) => row[key] > 0)) return row;
  return { ...row, ...totals, cost: Math.round(totals.cost * 1e10) / 1e10 };
}
