import { BUILTIN_METRICS } from "./builtins";
import { judgeScore } from "./judge";
import { compileJsonSchema } from "./metrics";
import { compileRegex } from "./regex";
import { SCORERS } from "./scorers";
import {
  CONFIG_SCHEMAS,
  EVAL_METRIC_KINDS,
  type EvalContext,
  type EvalDeps,
  type EvalMetric,
  EvalMetricError,
  type EvalMetricKind,
  UnknownEvalMetricError,
} from "./types";

/** Checks a metric's kind and config (compiling its regex or schema) before it is stored. */
export function parseMetricConfig(
  kind: string,
  config: unknown,
): { kind: EvalMetricKind; config: Record<string, unknown> } {
  if (!(EVAL_METRIC_KINDS as readonly string[]).includes(kind)) {
    throw new EvalMetricError(`unknown metric kind "${kind}"; one of ${EVAL_METRIC_KINDS.join(", ")}`);
  }
  const known = kind as EvalMetricKind;
  const parsed = CONFIG_SCHEMAS[known].safeParse(config ?? {});
  if (!parsed.success) {
    throw new EvalMetricError(`invalid ${known} config: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  const value = parsed.data;
  if (known === "regex" && typeof value.pattern === "string") {
    compileRegex(value.pattern, value.flags as string | undefined);
  }
  if (known === "json_schema" && value.schema !== undefined) {
    compileJsonSchema(value.schema as Record<string, unknown> | string);
  }
  return { kind: known, config: value };
}

/** Resolves ids to metrics, or throws UnknownEvalMetricError: call it before the run to answer 422 early. */
export function resolveMetrics(metricIds: readonly number[], metrics: readonly EvalMetric[] = BUILTIN_METRICS) {
  const byId = new Map(metrics.map((metric) => [metric.id, metric]));
  const unknown = [...new Set(metricIds.filter((id) => !byId.has(id)))];
  if (unknown.length > 0) {
    throw new UnknownEvalMetricError(
      unknown,
      [...byId.keys()].sort((a, b) => a - b),
    );
  }
  return [...new Set(metricIds)].map((id) => byId.get(id) as EvalMetric);
}

export async function scoreMetric(
  metric: EvalMetric,
  output: string,
  context: EvalContext,
  deps: Pick<EvalDeps, "complete" | "scoreDeterministic"> = {},
): Promise<number> {
  const score =
    metric.kind === "llm_judge"
      ? await judgeScore(output, context, metric.config, deps.complete)
      : deps.scoreDeterministic
        ? await deps.scoreDeterministic(metric.kind, output, context, metric.config)
        : SCORERS[metric.kind](output, context, metric.config);
  if (!Number.isFinite(score)) throw new EvalMetricError(`metric ${metric.id} produced ${score}`);
  return Math.min(1, Math.max(0, score));
}

/**
 * Scores the output with each metric, concurrently. Unknown ids throw UnknownEvalMetricError before any work; a metric
 * that cannot score this run (no target, judge failure) is left out of the result and passed to `deps.onError`.
 */
export async function runEvals(
  metricIds: readonly number[],
  output: string,
  context: EvalContext,
  deps: EvalDeps = {},
): Promise<Record<number, number>> {
  const metrics = resolveMetrics(metricIds, deps.metrics);
  const settled = await Promise.allSettled(metrics.map((metric) => scoreMetric(metric, output, context, deps)));
  const scores: Record<number, number> = {};
  settled.forEach((result, index) => {
    const metric = metrics[index] as EvalMetric;
    if (result.status === "fulfilled") scores[metric.id] = result.value;
    else deps.onError?.(metric.id, result.reason);
  });
  return scores;
}
