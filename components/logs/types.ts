/** What the logs API answers (app/api/logs): the client's own copy of the shapes, so no server module is imported. */

/** "running" while a run streams (its row is written at the start); "interrupted" when the server died mid-run. */
export type LogStatus = "success" | "error" | "running" | "interrupted";

export interface LogListItem {
  trace_id: string;
  parent_trace_id: string | null;
  root_trace_id: string;
  trace_name: string | null;
  project_name: string;
  experiment_uuid: string | null;
  provider: string | null;
  model: string | null;
  status: LogStatus;
  error: string | null;
  latency: number;
  time_to_first_token: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost: number;
  cache_hit: boolean;
  tags: string[];
  end_user_identifier: string | null;
  scores: Record<string, number>;
  created_at: string;
  /** "sdk" for spans posted by Parea's SDK (POST /trace_log), "completion" for runs. */
  source?: "sdk" | "completion";
  session_id?: string | null;
  depth?: number;
  execution_order?: number;
  feedback_score?: number | null;
  input_preview: string | null;
  output_preview: string | null;
}

export interface LogsPage {
  items: LogListItem[];
  next_cursor: string | null;
}

export interface LogRecord extends Omit<LogListItem, "input_preview" | "output_preview"> {
  project_uuid: string;
  metadata: Record<string, unknown> | null;
  target: string | null;
  request: Record<string, unknown> | null;
  output: string | null;
  start_timestamp: string | null;
  end_timestamp: string | null;
  inputs?: Record<string, unknown> | null;
  feedback?: { score: number; name: string | null; comment: string | null } | null;
  evaluation_scores?: { name: string; score: number | boolean; reason?: string | null }[] | null;
}

export interface LogDetail extends LogRecord {
  children: LogRecord[];
}

export interface StatsPoint {
  bucket: string;
  requests: number;
  errors: number;
  latency_p50: number;
  latency_p95: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost: number;
}

export interface EvalMetricInfo {
  id: number;
  name: string;
  kind: string;
}
