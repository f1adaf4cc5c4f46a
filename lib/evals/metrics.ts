import Ajv, { type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import { levenshteinSimilarity } from "./levenshtein";
import { compileRegex } from "./regex";
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

/**
 * The longest text the regex and JSON Schema scorers read (UTF-16 units). RE2 is linear, but linear in a huge output
 * times a large pattern is still long on the event loop: past this the metric is not scored (and says why).
 */
export const MAX_SCORED_TEXT = 100_000;

function bounded(text: string, what: string): string {
  if (text.length > MAX_SCORED_TEXT) {
    throw new EvalMetricError(`${what} is ${text.length} characters; this metric reads at most ${MAX_SCORED_TEXT}`);
  }
  return text;
}

export const regexMatch: Scorer = (output, context, config) => {
  const { pattern, flags } = regexConfigSchema.parse(config);
  return compileRegex(pattern ?? requireTarget(context), flags).test(bounded(output, "the output")) ? 1 : 0;
};

function parsesAsJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export const validJson: Scorer = (output) => (parsesAsJson(output.trim()).ok ? 1 : 0);

const re2Engine = Object.assign((pattern: string, _unicode: string) => compileRegex(pattern, ""), { code: "re2js" });

const validators = new Map<string, ValidateFunction>();
const MAX_CACHED_VALIDATORS = 200;
let draft07: Ajv | undefined;
let draft2020: Ajv2020 | undefined;

/** Compiles (and caches by text) a JSON Schema; accepts OpenAI's `{name, schema, strict}` wrapper too. */
export function compileJsonSchema(schema: Record<string, unknown> | string): ValidateFunction {
  let value: unknown = schema;
  if (typeof schema === "string") {
    bounded(schema, "the JSON Schema");
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
  const text = bounded(JSON.stringify(bare), "the JSON Schema");
  const cached = validators.get(text);
  if (cached) return cached;
  const modern = typeof bare.$schema === "string" && /2019-09|2020-12/.test(bare.$schema);
  // strict: false: schemas written for LLM structured output carry keywords Ajv's strict mode rejects.
  // `pattern` / `patternProperties` come from the caller: they run on RE2 too, never on a backtracking RegExp.
  const options = { strict: false, allErrors: false, code: { regExp: re2Engine } };
  const ajv = modern ? (draft2020 ??= new Ajv2020(options)) : (draft07 ??= new Ajv(options));
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
  const parsed = parsesAsJson(bounded(output, "the output").trim());
  return parsed.ok && validate(parsed.value) ? 1 : 0;
};

export const levenshteinToTarget: Scorer = (output, context) => levenshteinSimilarity(output, requireTarget(context));
