import type { CompletionResponseBody } from "@/lib/completion/response";
import type { CompletionRequest } from "@/lib/schema/completion-request";
import { normaliseTraceIds, type TraceIds } from "./traces";
import type { LogEntry } from "./types";

export interface LogEntryOptions {
  /** Default: request.log_omit || request.log_omit_inputs. */
  omitInputs?: boolean;
  /** Default: request.log_omit || request.log_omit_outputs. */
  omitOutputs?: boolean;
  /** Default: normaliseTraceIds(request, response.trace_id). */
  traceIds?: TraceIds;
  /** Default: request.project_uuid; when both are absent writeLog resolves the project by name. */
  projectUuid?: string | null;
  scores?: Record<string | number, number>;
  createdAt?: string;
  /** The caller's identity (lib/server/auth Identity.id). */
  identity?: string | null;
}

export function omitFlags(request: Pick<CompletionRequest, "log_omit" | "log_omit_inputs" | "log_omit_outputs">) {
  return {
    omitInputs: Boolean(request.log_omit || request.log_omit_inputs),
    omitOutputs: Boolean(request.log_omit || request.log_omit_outputs),
  };
}

/**
 * The request as it may be stored: never the provider key; with inputs omitted, no messages, history, functions,
 * function_call, model_params or template inputs (model and provider stay, so the log is still findable).
 */
export function loggableRequest(request: CompletionRequest, omitInputs: boolean): Record<string, unknown> {
  const { provider_api_key: _key, ...rest } = request;
  if (!omitInputs) return rest;
  const { llm_inputs: _llmInputs, inputs: _inputs, ...kept } = rest;
  const {
    messages: _messages,
    history: _history,
    functions: _functions,
    function_call: _functionCall,
    model_params: _modelParams,
    ...configuration
  } = request.llm_configuration ?? {};
  return { ...kept, llm_configuration: configuration };
}

/** Pure: a run's request and response → the row `writeLog` stores, with the log_omit* flags applied. */
export function toLogEntry(
  request: CompletionRequest,
  response: CompletionResponseBody,
  options: LogEntryOptions = {},
): LogEntry {
  const flags = omitFlags(request);
  const omitInputs = options.omitInputs ?? flags.omitInputs;
  const omitOutputs = options.omitOutputs ?? flags.omitOutputs;
  const ids = options.traceIds ?? normaliseTraceIds(request, response.trace_id);
  const scores: Record<string, number> = {};
  for (const [id, score] of Object.entries(options.scores ?? {})) scores[id] = score;
  return {
    trace_id: ids.traceId,
    parent_trace_id: ids.parentTraceId,
    root_trace_id: ids.rootTraceId,
    project_uuid: options.projectUuid ?? request.project_uuid ?? null,
    project_name: request.project_name || "default",
    experiment_uuid: request.experiment_uuid ?? null,
    trace_name: request.trace_name ?? request.name ?? null,
    end_user_identifier: request.end_user_identifier ?? null,
    metadata: request.metadata ?? null,
    tags: [...new Set(request.tags ?? [])],
    target: request.target ?? null,
    provider: response.provider || request.llm_configuration?.provider || null,
    model: response.model || request.llm_configuration?.model || null,
    request: loggableRequest(request, omitInputs),
    output: omitOutputs ? null : response.content,
    input_tokens: response.input_tokens,
    output_tokens: response.output_tokens,
    total_tokens: response.total_tokens,
    cost: response.cost,
    latency: response.latency,
    time_to_first_token: response.time_to_first_token,
    status: response.status,
    error: response.error ?? null,
    cache_hit: response.cache_hit,
    scores,
    start_timestamp: response.start_timestamp,
    end_timestamp: response.end_timestamp,
    identity: options.identity ?? null,
    ...(options.createdAt ? { created_at: options.createdAt } : {}),
  };
}
