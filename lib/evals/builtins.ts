import type { EvalMetric } from "./types";

/**
 * The metrics every server has, by fixed id (clients hard-code `eval_metric_ids: [1]`). The store's first migration
 * seeds the same rows; a test keeps the two in step.
 */
export const BUILTIN_METRICS: readonly EvalMetric[] = [
  { id: 1, name: "Exact match", kind: "exact_match", config: {} },
  { id: 2, name: "Contains target", kind: "contains", config: {} },
  { id: 3, name: "Regex match", kind: "regex", config: {} },
  { id: 4, name: "Valid JSON", kind: "valid_json", config: {} },
  { id: 5, name: "Matches JSON Schema", kind: "json_schema", config: {} },
  { id: 6, name: "Levenshtein similarity", kind: "levenshtein", config: {} },
  { id: 7, name: "LLM judge", kind: "llm_judge", config: {} },
];
