import type { Generated, Kysely } from "kysely";
import type { EvalMetric } from "@/lib/evals/types";
import type { LlmConfiguration } from "@/lib/schema/completion-request";

// Tables as the query layer sees them. JSON is TEXT and timestamps are ISO-8601 UTC strings (`toISOString()`, fixed
// width, so they sort as text) in both dialects: one code path, and the rows read the same in sqlite3 and psql.

export interface ProjectsTable {
  uuid: string;
  name: string;
  created_at: string;
}

export interface LogsTable {
  trace_id: string;
  parent_trace_id: string | null;
  root_trace_id: string;
  project_uuid: string;
  project_name: string;
  experiment_uuid: string | null;
  trace_name: string | null;
  end_user_identifier: string | null;
  metadata: string | null;
  tags: string;
  target: string | null;
  provider: string | null;
  model: string | null;
  request: string | null;
  output: string | null;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost: number;
  latency: number;
  time_to_first_token: number;
  status: LogStatus;
  error: string | null;
  cache_hit: number;
  scores: string;
  start_timestamp: string | null;
  end_timestamp: string | null;
  created_at: string;
  /** The caller who ran it (auth Identity.id); null for rows from before migration 0003. */
  identity: string | null;
  /** The app instance that wrote a "running" row (PLAYGROUND_INSTANCE_ID); null once finished. */
  instance_id: string | null;
  // Parea platform spans (migration 0006_platform); completion runs keep the defaults.
  source: Generated<string>;
  inputs: string | null;
  children: string | null;
  session_id: string | null;
  /** The SDK's score list with reasons, JSON `[{name, score, reason}]`. */
  evaluation_scores: string | null;
  images: string | null;
  configuration: string | null;
  feedback_score: number | null;
  feedback_name: string | null;
  feedback_comment: string | null;
  depth: Generated<number>;
  execution_order: Generated<number>;
}

export interface DatasetsTable {
  id: Generated<number>;
  name: string;
  column_names: string;
  created_at: string;
  last_updated_at: string;
}

export interface TestCasesTable {
  id: Generated<number>;
  dataset_id: number;
  inputs: string;
  target: string | null;
  tags: string;
  created_at: string;
}

export interface ExperimentsTable {
  uuid: string;
  name: string;
  run_name: string;
  project_uuid: string;
  metadata: string | null;
  status: string;
  dataset_level_stats: string;
  created_at: string;
  finished_at: string | null;
}

/**
 * "running": written when a run starts, replaced when it ends; "interrupted": a running row whose process died (the
 * same instance marks it at its next start-up).
 */
export type LogStatus = "success" | "error" | "running" | "interrupted";

export interface CacheTable {
  key: string;
  response: string;
  created_at: string;
  expires_at: string;
  hits: number;
}

export interface DeploymentsTable {
  id: string;
  prompt_name: string;
  version_number: number;
  configuration: string;
  created_at: string;
}

export interface ProviderKeysTable {
  identity: string;
  provider: string;
  /** '' for the operator's base URL, else the one (normalized) base URL this key may be sent to. */
  base_url: string;
  ciphertext: string;
  iv: string;
  tag: string;
  hint: string;
  created_at: string;
}

export interface Database {
  projects: ProjectsTable;
  logs: LogsTable;
  log_tags: { trace_id: string; tag: string };
  cache: CacheTable;
  prompts: { name: string; created_at: string };
  deployments: DeploymentsTable;
  provider_keys: ProviderKeysTable;
  eval_metrics: { id: Generated<number>; name: string; kind: string; config: string; created_at: string };
  snapshots: SnapshotsTable;
  log_patches: { trace_id: string; fields: string; created_at: string };
  datasets: DatasetsTable;
  test_cases: TestCasesTable;
  experiments: ExperimentsTable;
}

export interface SnapshotsTable {
  id: string;
  content: string;
  created_at: string;
  /** The quota and rate bucket it counts against. */
  owner: string | null;
  /** Bytes of `content`. */
  bytes: number;
  /** Past this it answers 410 and is purged; null (snapshots from before 0004_limits): created_at + SHARE_TTL_DAYS. */
  expires_at: string | null;
}

export type DialectName = "sqlite" | "postgres";

/** What every store module gets: the query layer, the dialect, and resolved settings. */
export interface StoreContext {
  db: Kysely<Database>;
  dialect: DialectName;
  settings: StoreSettings;
  /** project name → uuid; projects are never renamed or deleted, so this only grows. */
  projectUuids: Map<string, string>;
}

export interface StoreSettings {
  keysSecret: string | undefined;
  cacheTtlMs: number;
  cacheMaxEntries: number;
}

/** A bad argument from the caller (cursor, time bound...): the route answers 400/422 with the message. */
export class StoreInputError extends Error {
  override name = "StoreInputError";
}

// ---- public record types ----

export interface Project {
  name: string;
  uuid: string;
  created_at: string;
}

/** What `writeLog` takes; build it with `toLogEntry`. `project_uuid` absent: resolved (or created) from the name. */
export interface LogEntry {
  trace_id: string;
  parent_trace_id: string | null;
  root_trace_id: string;
  project_uuid?: string | null;
  project_name: string;
  experiment_uuid: string | null;
  trace_name: string | null;
  end_user_identifier: string | null;
  metadata: Record<string, unknown> | null;
  tags: string[];
  target: string | null;
  provider: string | null;
  model: string | null;
  /** The request as logged (no provider key; inputs dropped when omitted). */
  request: Record<string, unknown> | null;
  output: string | null;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost: number;
  /** Seconds, like the response. */
  latency: number;
  time_to_first_token: number;
  status: LogStatus;
  error: string | null;
  cache_hit: boolean;
  /** metric id → score in [0, 1]. */
  scores: Record<string, number>;
  start_timestamp: string | null;
  end_timestamp: string | null;
  /** Defaults to now; the keyset order and the time filters use it. */
  created_at?: string;
  /** The caller's identity (auth Identity.id): the tenant the log belongs to when logs are scoped. */
  identity?: string | null;
  /** Set on a "running" row: the instance that may mark it interrupted after a crash. */
  instance_id?: string | null;
  // Parea platform spans (POST /trace_log); a completion run leaves these out.
  source?: "completion" | "sdk";
  inputs?: Record<string, unknown> | null;
  /** The span ids the SDK listed as children (column `children`). */
  child_ids?: string[];
  session_id?: string | null;
  evaluation_scores?: EvaluationScore[] | null;
  images?: unknown[] | null;
  configuration?: Record<string, unknown> | null;
  feedback?: Feedback | null;
  depth?: number;
  execution_order?: number;
}

/** One SDK score: `score` may be a bool or an int on the wire; it is kept as sent. */
export interface EvaluationScore {
  name: string;
  score: number | boolean;
  reason?: string | null;
}

export interface Feedback {
  score: number;
  name: string | null;
  comment: string | null;
}

/** What a log read answers: never the writer's identity (a hash of their credential). */
export interface LogRecord extends Omit<LogEntry, "project_uuid" | "created_at" | "identity"> {
  project_uuid: string;
  created_at: string;
}

export interface LogWithChildren extends LogRecord {
  children: LogRecord[];
}

export interface LogFilters {
  project_name?: string;
  project_uuid?: string;
  /** Any of these tags. */
  tags?: string[];
  status?: LogStatus;
  provider?: string;
  model?: string;
  end_user_identifier?: string;
  experiment_uuid?: string;
  root_trace_id?: string;
  /** Inclusive lower / exclusive upper bound on created_at (ISO string, Date or epoch ms). */
  from?: string | Date | number;
  to?: string | Date | number;
  /** Case-insensitive substring of the output, the logged request or the trace name. */
  search?: string;
  /** Only this caller's logs (the tenant scope); undefined = every log. */
  identity?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type StatsBucket = "hour" | "day";

export interface StatsPoint {
  /** Start of the bucket, ISO string. */
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

/** A cached completion: what a cache hit replays. Extra fields ride along untouched. */
export interface CachedCompletion {
  content: string;
  tool_calls?: { id: string; name: string; arguments: string }[];
  input_tokens?: number;
  output_tokens?: number;
  finish_reason?: string | null;
  model?: string;
  provider?: string;
  [extra: string]: unknown;
}

/** The deployable part of a request: llm_configuration (model, provider, model_params, messages, functions...). */
export type DeploymentConfiguration = LlmConfiguration;

export interface Deployment {
  id: string;
  prompt_name: string;
  version_number: number;
  configuration: DeploymentConfiguration;
  created_at: string;
}

export interface PromptWithVersions {
  name: string;
  created_at: string;
  /** Newest first. */
  versions: Deployment[];
}

export interface ProviderKeySummary {
  provider: string;
  /** null: the operator's base URL; else the one base URL this key is sent to. */
  base_url: string | null;
  hint: string;
  created_at: string;
}

export type { EvalMetric };
