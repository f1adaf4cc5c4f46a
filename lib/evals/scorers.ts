import {
  containsTarget,
  exactMatch,
  levenshteinToTarget,
  matchesJsonSchema,
  regexMatch,
  type Scorer,
  validJson,
} from "./metrics";
import type { EvalMetricKind } from "./types";

export type DeterministicKind = Exclude<EvalMetricKind, "llm_judge">;

/** The scorers that need no model: pure functions, run inline or in the scorer thread (score-thread.ts). */
export const SCORERS: Record<DeterministicKind, Scorer> = {
  exact_match: exactMatch,
  contains: containsTarget,
  regex: regexMatch,
  valid_json: validJson,
  json_schema: matchesJsonSchema,
  levenshtein: levenshteinToTarget,
};
