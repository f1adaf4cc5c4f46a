export { BUILTIN_METRICS } from "./builtins";
export { buildJudgePrompt, DEFAULT_RUBRIC, judgeScore, parseJudgeScore } from "./judge";
export { levenshtein, levenshteinSimilarity } from "./levenshtein";
export { parseMetricConfig, resolveMetrics, runEvals, scoreMetric } from "./run-evals";
export {
  EVAL_METRIC_KINDS,
  type EvalContext,
  type EvalDeps,
  type EvalMetric,
  EvalMetricError,
  type EvalMetricKind,
  type JudgeComplete,
  UnknownEvalMetricError,
} from "./types";
