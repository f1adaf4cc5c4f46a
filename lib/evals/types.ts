import { z } from "zod";
import type { Message } from "@/lib/schema/completion-request";

/** The scorer families. A metric row (built-in or user-made) is one kind plus its config. */
export const EVAL_METRIC_KINDS = [
  "exact_match",
  "contains",
  "regex",
  "valid_json",
  "json_schema",
  "levenshtein",
  "llm_judge",
] as const;
export type EvalMetricKind = (typeof EVAL_METRIC_KINDS)[number];

export interface EvalMetric {
  id: number;
  name: string;
  kind: EvalMetricKind;
  config: Record<string, unknown>;
}

/** What a scorer may look at besides the output. */
export interface EvalContext {
  target?: string | null;
  /** The request's llm_inputs (template values). */
  inputs?: Record<string, unknown> | null;
  /** The messages the model saw, after templating. */
  messages?: readonly Pick<Message, "role" | "content">[] | null;
}

/** Runs the judge prompt through our own pipeline; provider/model come from the metric's config when it names them. */
export type JudgeComplete = (prompt: string, options: { provider?: string; model?: string }) => Promise<string>;

export interface EvalDeps {
  /** Metric definitions (the store's `listEvalMetrics()`); defaults to the built-ins. */
  metrics?: readonly EvalMetric[];
  complete?: JudgeComplete;
  /**
   * Runs a model-free scorer somewhere else (the server passes its scorer thread, so no scorer blocks the event loop);
   * default: inline.
   */
  scoreDeterministic?: (
    kind: Exclude<EvalMetricKind, "llm_judge">,
    output: string,
    context: EvalContext,
    config: Record<string, unknown>,
  ) => Promise<number>;
  /** A metric that cannot score (no target, judge failure...) is left out of the result and reported here. */
  onError?: (metricId: number, error: unknown) => void;
}

export const regexConfigSchema = z.object({
  pattern: z.string().min(1).optional().describe("The pattern; when absent, the run's target is the pattern."),
  flags: z
    .string()
    .regex(/^[dgimsuvy]*$/, "JavaScript RegExp flags")
    .optional(),
});

export const jsonSchemaConfigSchema = z.object({
  schema: z
    .union([z.record(z.string(), z.unknown()), z.string()])
    .optional()
    .describe("A JSON Schema (object or JSON string); when absent, the run's target is parsed as the schema."),
});

export const judgeConfigSchema = z.object({
  provider: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  rubric: z.string().min(1).optional(),
});

export const CONFIG_SCHEMAS: Record<EvalMetricKind, z.ZodType<Record<string, unknown>>> = {
  exact_match: z.object({}),
  contains: z.object({}),
  regex: regexConfigSchema,
  valid_json: z.object({}),
  json_schema: jsonSchemaConfigSchema,
  levenshtein: z.object({}),
  llm_judge: judgeConfigSchema,
};

/** A metric cannot score this run (missing target, bad config, judge reply without a score). */
export class EvalMetricError extends Error {
  override name = "EvalMetricError";
}

/** Ids that name no metric. The route maps it to a 422 listing `known`. */
export class UnknownEvalMetricError extends Error {
  override name = "UnknownEvalMetricError";
  constructor(
    readonly unknown: number[],
    readonly known: number[],
  ) {
    super(`unknown eval metric id(s) ${unknown.join(", ")}; known: ${known.join(", ")}`);
  }
}
