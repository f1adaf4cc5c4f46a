import { z } from "zod";
import { FILTER_OPERATORS } from "@/lib/store/platform-queries";

/**
 * The bodies Parea's Python SDK sends to the platform endpoints (shared/PAREA-PLATFORM-API.md). Every field the SDK
 * always sends may be null; unknown keys pass (newer SDKs add fields). Limits keep one request bounded.
 */
export const MAX_CHILDREN = 10_000;
export const MAX_TEST_CASES = 10_000;

const id = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, "must be 1-128 letters, digits or . _ : -");
const optionalId = z.union([id, z.literal("")]).nullish();
const text = z.string().max(1_000_000).nullish();
const finite = z.number().refine(Number.isFinite, "must be a finite number");
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullish();
const seconds = z.number().min(0).max(1e9).nullish();

export const evaluationScoreSchema = z.looseObject({
  name: z.string().min(1).max(500),
  score: z.union([finite, z.boolean()]),
  reason: z.string().max(100_000).nullish(),
});

export const traceLogSchema = z.looseObject({
  trace_id: id,
  parent_trace_id: optionalId,
  root_trace_id: optionalId,
  project_uuid: z.string().max(200).nullish(),
  project_name: z.string().max(200).nullish(),
  experiment_uuid: optionalId,
  trace_name: z.string().max(1000).nullish(),
  configuration: z.record(z.string(), z.unknown()).nullish(),
  inputs: z.record(z.string(), z.unknown()).nullish(),
  output: z.unknown().optional(),
  target: z.unknown().optional(),
  latency: seconds,
  time_to_first_token: seconds,
  input_tokens: count,
  output_tokens: count,
  total_tokens: count,
  cost: z.number().min(0).max(1e12).nullish(),
  scores: z.array(evaluationScoreSchema).max(1000).nullish(),
  start_timestamp: z.string().max(100).nullish(),
  end_timestamp: z.string().max(100).nullish(),
  error: text,
  status: z.string().max(50).nullish(),
  deployment_id: z.string().max(200).nullish(),
  cache_hit: z.boolean().nullish(),
  log_sample_rate: z.number().min(0).max(1).nullish(),
  feedback_score: z.number().min(0).max(1).nullish(),
  children: z.array(z.string().max(200)).nullish(),
  end_user_identifier: z.string().max(1000).nullish(),
  session_id: z.string().max(1000).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  tags: z.array(z.unknown()).max(1000).nullish(),
  images: z.array(z.unknown()).max(1000).nullish(),
  depth: z.number().int().min(0).max(10_000).nullish(),
  execution_order: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullish(),
});
export type TraceLogBody = z.output<typeof traceLogSchema>;

export const updateLogSchema = z.looseObject({
  trace_id: id,
  field_name_to_value_map: z.record(z.string(), z.unknown()),
  root_trace_id: optionalId,
});

export const feedbackSchema = z.looseObject({
  trace_id: id,
  score: z.number().min(0).max(1),
  name: z.string().max(500).nullish(),
  target: z.unknown().optional(),
  comment: z.string().max(100_000).nullish(),
});

const filterOperator = z.enum(FILTER_OPERATORS).nullish();
export const traceLogFiltersSchema = z.looseObject({
  filter_field: z.string().max(200).nullish(),
  filter_key: z
    .string()
    .regex(/^[\w .:/-]{1,200}$/, "must be 1-200 letters, digits, spaces or . : / - _")
    .nullish(),
  filter_operator: filterOperator,
  filter_value: z.string().max(10_000).nullish(),
});

export const TIME_RANGES = ["na", "1h", "3h", "6h", "24h", "7d", "1m", "3m", "6m", "1y"] as const;
export const queryParamsSchema = traceLogFiltersSchema.extend({
  project_name: z.string().min(1).max(200),
  page: z.number().int().min(1).max(1_000_000).nullish(),
  page_size: z.number().int().min(1).max(500).nullish(),
  time_range: z.enum(TIME_RANGES).nullish(),
  status: z.enum(["success", "error"]).nullish(),
});

const testCaseSchema = z.looseObject({
  inputs: z.record(z.string(), z.unknown()).nullish(),
  target: z.unknown().optional(),
  tags: z.array(z.unknown()).max(1000).nullish(),
});
const datasetName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^/?#]+$/, "must not contain / ? or #");

export const createCollectionSchema = z.looseObject({
  id: z.unknown().optional(),
  name: datasetName,
  test_cases: z.array(testCaseSchema),
  column_names: z.array(z.string().max(500)).max(1000).nullish(),
});

export const createTestCasesSchema = z
  .looseObject({
    id: z.number().int().min(1).nullish(),
    name: datasetName.nullish(),
    test_cases: z.array(testCaseSchema),
  })
  .refine((body) => body.id != null || body.name != null, { message: "send id or name", path: ["name"] });

export const updateTestCaseSchema = z.looseObject({
  inputs: z.record(z.string(), z.unknown()).nullish(),
  target: z.unknown().optional(),
  tags: z.array(z.unknown()).max(1000).nullish(),
});

const stringMap = z.record(z.string(), z.unknown());
export const createExperimentSchema = z.looseObject({
  name: z.string().trim().min(1).max(500),
  run_name: z.string().trim().min(1).max(500),
  metadata: stringMap.nullish(),
  project_uuid: z.string().max(200).nullish(),
});

export const finishExperimentSchema = z.looseObject({
  status: z.enum(["pending", "running", "completed", "failed"]),
  dataset_level_stats: z.array(evaluationScoreSchema).max(1000).nullish(),
});

export const listExperimentsSchema = z.looseObject({
  project_name: z.string().max(200).nullish(),
  metadata_filter: stringMap.nullish(),
  experiment_name_filter: z.string().max(500).nullish(),
  run_name_filter: z.string().max(500).nullish(),
  experiment_uuids: z.array(z.string().max(200)).max(1000).nullish(),
});

/** A LangChain `Run.dict()` as Parea's tracer posts it; lib/platform/langchain.ts reads the rest. */
export const langchainRunSchema = z.looseObject({
  id: z.union([id, z.uuid()]),
  name: z.string().max(1000).nullish(),
  child_runs: z.array(z.record(z.string(), z.unknown())).max(MAX_CHILDREN).nullish(),
});
