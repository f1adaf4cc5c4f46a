import Ajv, { type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import { levenshteinSimilarity } from "./levenshtein";
import { type EvalContext, EvalMetricError, jsonSchemaConfigSchema, regexConfigSchema } from "./types";

/** A deterministic scorer: output and context in, a score in [0, 1] out. */
export type Scorer = (output: string, context: EvalContext, config: Record<string, unknown>) => number;

function requireTarget(context: EvalContext): string {
  if (typeof context.target !== "string") throw new EvalMetricError("this metric needs a target on the request");
  return context.target;
}

// Models pad answers with a newline or a space; surrounding whitespace is not what exact match is about.
export const exactMatch: Scorer = (output, context) => (output.trim() === requireTarget(context).trim() ? 1 : 0);

export const containsTarget: Scorer = (output, context) => (output.includes(requireTarget(context)) ? 1 : 0);

export function compileRegex(pattern: string, flags: string | undefined): RegExp {
  try {
    // No "g"/"y": a stateful lastIndex would make test() alternate between calls on one RegExp.
    return new RegExp(pattern, (flags ?? "").replace(/[gy]/g, ""));
  } catch (error) {
    throw new EvalMetricError(`invalid regex: ${(error as Error).message}`);
  }
}

export const regexMatch: Scorer = (output, context, config) => {
  const { pattern, flags } = regexConfigSchema.parse(config);
  return compileRegex(pattern ?? requireTarget(context), flags).test(output) ? 1 : 0;
};

function parsesAsJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export const validJson: Scorer = (output) => (parsesAsJson(output.trim()).ok ? 1 : 0);

const validators = new Map<string, ValidateFunction>();
const MAX_CACHED_VALIDATORS = 200;
let draft07: Ajv | undefined;
let draft2020: Ajv2020 | undefined;

/** Compiles (and caches by text) a JSON Schema; accepts OpenAI's `{name, schema, strict}` wrapper too. */
export function compileJsonSchema(schema: Record<string, unknown> | string): ValidateFunction {
  let value: unknown = schema;
  if (typeof schema === "string") {
    const parsed = parsesAsJson(schema);
    if (!parsed.ok) throw new EvalMetricError("the JSON Schema is not valid JSON");
    value = parsed.value;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new EvalMetricError("the JSON Schema must be an object");
  }
  const record = value as Record<string, unknown>;
  const bare =
    typeof record.name === "string" && typeof record.schema === "object" && record.schema !== null
      ? (record.schema as Record<string, unknown>)
      : record;
  const text = JSON.stringify(bare);
  const cached = validators.get(text);
  if (cached) return cached;
  const modern = typeof bare.$schema === "string" && /2019-09|2020-12/.test(bare.$schema);
  // strict: false: schemas written for LLM structured output carry keywords Ajv's strict mode rejects.
  const ajv = modern
    ? (draft2020 ??= new Ajv2020({ strict: false, allErrors: false }))
    : (draft07 ??= new Ajv({ strict: false, allErrors: false }));
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(bare);
  } catch (error) {
    throw new EvalMetricError(`invalid JSON Schema: ${(error as Error).message}`);
  }
  if (validators.size >= MAX_CACHED_VALIDATORS) validators.clear();
  validators.set(text, validate);
  return validate;
}

export const matchesJsonSchema: Scorer = (output, context, config) => {
  const { schema } = jsonSchemaConfigSchema.parse(config);
  const validate = compileJsonSchema(schema ?? requireTarget(context));
  const parsed = parsesAsJson(output.trim());
  return parsed.ok && validate(parsed.value) ? 1 : 0;
};

export const levenshteinToTarget: Scorer = (output, context) => levenshteinSimilarity(output, requireTarget(context));
