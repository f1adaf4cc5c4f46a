import type { CompletionError } from "./errors";
import { computeCost, seconds } from "./metrics";
import type { PreparedRun } from "./prepare";
import type { RunState, ToolCall } from "./run-state";

/** Parea's CompletionResponse (every field present: a null number breaks Parea's Python client) plus our extras. */
export interface CompletionResponseBody {
  inference_id: string;
  trace_id: string;
  content: string;
  latency: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost: number;
  model: string;
  provider: string;
  cache_hit: boolean;
  status: "success" | "error";
  start_timestamp: string;
  end_timestamp: string;
  error?: string;
  error_type?: string;
  time_to_first_token: number;
  tokens_per_second: number;
  finish_reason: string | null;
  tool_calls: ToolCall[];
  warnings: string[];
  /** eval_metric_ids → score in [0, 1], when the request asked for evals. */
  scores?: Record<number, number>;
  /**
   * What the eval judges' model calls cost, in dollars, when the request asked for evals. Kept apart from `cost` (the
   * run's own): each judge call is logged as a child run with its own cost, so log totals count it once.
   */
  eval_cost?: number;
}

export function buildResponse(
  run: PreparedRun,
  state: RunState,
  error: CompletionError | undefined,
  modelId: string = run.modelId,
  cacheHit = false,
): CompletionResponseBody {
  const endedAt = performance.now();
  const input = state.usage?.inputTokens.total ?? 0;
  const output = state.usage?.outputTokens.total ?? 0;
  const warnings = [...run.warnings, ...state.warnings];
  const { cost, priced } = cacheHit
    ? { cost: 0, priced: true } // a cache hit spends nothing upstream
    : computeCost(run.adapter, modelId, {
        input,
        output,
        cacheRead: state.usage?.inputTokens.cacheRead ?? 0,
      });
  if (!priced) warnings.push(`no price known for ${run.provider}/${modelId}; cost reported as 0`);
  const firstToken = state.firstTokenAt === undefined ? undefined : state.firstTokenAt - run.startedAt;
  const generating = state.firstTokenAt === undefined ? 0 : endedAt - state.firstTokenAt;
  return {
    inference_id: run.traceId,
    trace_id: run.traceId,
    content: state.content,
    latency: seconds(endedAt - run.startedAt),
    input_tokens: input,
    output_tokens: output,
    total_tokens: input + output,
    cost,
    model: modelId,
    provider: run.provider,
    cache_hit: cacheHit,
    status: error ? "error" : "success",
    start_timestamp: run.startTimestamp.toISOString(),
    end_timestamp: new Date().toISOString(),
    ...(error ? { error: error.message, error_type: error.type } : {}),
    time_to_first_token: firstToken === undefined ? 0 : seconds(firstToken),
    tokens_per_second: generating > 0 && output > 1 ? Math.round(((output - 1) / generating) * 100_000) / 100 : 0,
    finish_reason: state.finishReason ?? null,
    tool_calls: state.toolCalls(),
    warnings,
  };
}
