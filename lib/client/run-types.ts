/** What the browser keeps of a run: the streamed text, tool calls, the final metrics, or why it failed. */

export interface ToolCallView {
  index: number;
  id: string;
  name: string;
  /** Raw JSON text of the arguments, possibly still incomplete while streaming. */
  arguments: string;
}

/** The CompletionResponse fields of the final event (`done: true`). */
export interface RunResult {
  content: string;
  latency: number;
  time_to_first_token: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  tokens_per_second: number;
  cost: number;
  cache_hit: boolean;
  status: "success" | "error";
  finish_reason: string | null;
  warnings: string[];
  model: string;
  provider: string;
  trace_id: string;
  tool_calls?: { id: string; name: string; arguments: string }[];
}

/** The metrics part of a result, what the run panel keeps (the text and calls are kept on their own). */
export type RunMetrics = Omit<RunResult, "content" | "tool_calls">;

export function toMetrics(result: RunResult): RunMetrics {
  const { content: _content, tool_calls: _calls, ...metrics } = result;
  return metrics;
}

export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
}

export interface RunErrorInfo {
  /** HTTP status before the stream started, 200 for a failure mid-stream, 0 when the server was not reached. */
  status: number;
  type: string;
  message: string;
  provider?: string;
  detail?: ValidationIssue[];
}

export type RunStatus = "idle" | "running" | "done" | "error" | "stopped";

export interface RunSnapshot {
  status: RunStatus;
  text: string;
  toolCalls: ToolCallView[];
  result?: RunMetrics;
  error?: RunErrorInfo;
  traceId?: string;
  /** Provider and model the run was sent with, for error messages and the metrics line. */
  provider?: string;
  model?: string;
  /** When the run started (epoch ms): tells one run from the next even when both end the same way. */
  startedAt?: number;
  finishedAt?: number;
}

export const IDLE_RUN: RunSnapshot = { status: "idle", text: "", toolCalls: [] };
