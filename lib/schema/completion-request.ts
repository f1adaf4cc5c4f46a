import { z } from "zod";
import { PROVIDER_IDS } from "./providers";

/**
 * The one Parea completion request schema. The API routes, the playground form and JSON editor, share links and the
 * store all derive from it. It is isomorphic: no server-only imports.
 *
 * Unknown keys are kept (loose objects) so that the JSON editor round-trips fields the form does not know, and so
 * that newer Parea SDKs keep working; the server ignores what it does not use.
 */

export const MESSAGE_ROLES = [
  "system",
  "user",
  "assistant",
  "example_user",
  "example_assistant",
  "tool",
  "function",
] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const messageSchema = z.looseObject({
  role: z.enum(MESSAGE_ROLES).describe("Who speaks. example_user/example_assistant are few-shot turns."),
  content: z
    .string()
    .default("")
    .describe(
      "Always a string. Tool results are JSON {tool_call_id, content}; assistant tool calls are a JSON list of calls; multi-part content is a JSON list.",
    ),
});
export type Message = z.infer<typeof messageSchema>;

export const functionSchema = z.looseObject({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-zA-Z0-9_-]+$/, "letters, digits, _ and - only")
    .describe("The function (tool) name the model calls."),
  description: z.string().optional().describe("What the function does; the model reads it."),
  parameters: z.record(z.string(), z.unknown()).optional().describe("JSON Schema of the arguments (an object schema)."),
});
export type FunctionDefinition = z.infer<typeof functionSchema>;

export const functionCallSchema = z
  .union([z.enum(["auto", "none", "required"]), z.looseObject({ name: z.string().min(1) })])
  .describe('"auto", "none", "required" or {"name": ...} to force one function.');

export const responseFormatSchema = z.looseObject({
  type: z.enum(["text", "json_object", "json_schema"]),
  json_schema: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .nullish()
    .describe("For json_schema: the schema, as an object or a JSON string ({name, schema, strict} or a bare schema)."),
});

export const REASONING_EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh"] as const;

export const modelParamsSchema = z.looseObject({
  temp: z.number().min(0).max(2).nullish().describe("Sampling temperature (Parea's SDK default is 1.0)."),
  top_p: z.number().min(0).max(1).nullish().describe("Nucleus sampling mass."),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  max_length: z.number().int().positive().nullish().describe("Maximum output tokens."),
  response_format: responseFormatSchema.nullish(),
  safe_prompt: z.boolean().nullish().describe("Mistral only: inject Mistral's safety prompt."),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullish()
    .describe("Stop sequence(s)."),
  seed: z.number().int().nullish().describe("Sampling seed, where the provider supports it."),
  reasoning_effort: z.enum(REASONING_EFFORTS).nullish().describe("Reasoning effort for reasoning models."),
  top_k: z.number().int().positive().nullish().describe("Top-k sampling (Anthropic, local)."),
});
export type ModelParams = z.infer<typeof modelParamsSchema>;

export const llmConfigurationSchema = z.looseObject({
  model: z.string().min(1).nullish().describe("Model id, passed through to the provider."),
  provider: z
    .enum(PROVIDER_IDS, { error: () => `unknown provider; supported: ${PROVIDER_IDS.join(", ")}` })
    .nullish()
    .describe("Which provider runs the model."),
  model_params: modelParamsSchema.nullish(),
  messages: z.array(messageSchema).nullish(),
  history: z.array(messageSchema).nullish().describe("Extra turns appended after a deployed prompt's messages."),
  functions: z.array(functionSchema).nullish(),
  function_call: functionCallSchema.nullish(),
  base_url: z
    .url({ protocol: /^https?$/ })
    .nullish()
    .describe("Extension: the base URL of an OpenAI-compatible server (…/v1), or an override for any provider."),
});
export type LlmConfiguration = z.infer<typeof llmConfigurationSchema>;

const nullableString = z.string().nullish();

/**
 * Ids travel into HTTP headers (X-Trace-Id), log lines, URLs and the store, so they are kept to a charset that is
 * safe in all of them: a CR/LF would forge a server log line, a non-ASCII character breaks the header. UUIDs, the
 * SDK's ids and deployment ids (`p-` + nanoid) all fit; "" stays allowed (Parea's SDK sends `root_trace_id: ""`).
 */
export const ID_PATTERN = /^[A-Za-z0-9._:-]*$/;
export const ID_MAX_LENGTH = 128;
const idString = z
  .string()
  .max(ID_MAX_LENGTH, `at most ${ID_MAX_LENGTH} characters`)
  .regex(ID_PATTERN, "letters, digits, '.', '_', ':' and '-' only")
  .nullish();

/** Each fallback model is one more upstream call (three with `retry`) on someone's key. */
export const MAX_FALLBACK_MODELS = 5;
export const MAX_EVAL_METRIC_IDS = 20;

export const completionRequestSchema = z.looseObject({
  llm_inputs: z.record(z.string(), z.unknown()).nullish().describe("Values for {{name}} placeholders."),
  inputs: z.record(z.string(), z.unknown()).nullish().describe("Legacy alias of llm_inputs."),
  llm_configuration: llmConfigurationSchema.default({}),
  project_name: z.string().nullish().default("default"),
  project_uuid: idString,
  experiment_uuid: idString,
  parent_trace_id: idString,
  root_trace_id: idString,
  end_user_identifier: nullableString,
  deployment_id: idString,
  eval_metric_ids: z
    .array(z.number().int())
    .max(MAX_EVAL_METRIC_IDS, `at most ${MAX_EVAL_METRIC_IDS} eval metric ids`)
    .nullish()
    .describe("Metrics that score the output (at most 3 of them LLM judges)."),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  tags: z.array(z.string()).nullish(),
  target: nullableString,
  trace_id: idString,
  trace_name: nullableString,
  provider_api_key: z.string().nullish().describe("The provider key for this request only. Never logged."),
  cache: z.boolean().default(true),
  log_omit_inputs: z.boolean().default(false),
  log_omit_outputs: z.boolean().default(false),
  log_omit: z.boolean().default(false),
  log_sample_rate: z.number().min(0).max(1).nullish().default(1),
  inference_id: idString.describe("Deprecated twin of trace_id."),
  name: nullableString.describe("Deprecated; kept as a label."),
  retry: z.boolean().default(false).describe("Deprecated; true retries 429/5xx a few times with backoff."),
  fallback_strategy: z
    .array(z.string().min(1))
    .max(MAX_FALLBACK_MODELS, `at most ${MAX_FALLBACK_MODELS} fallback models`)
    .nullish()
    .describe(`Deprecated; models tried in order after an error (at most ${MAX_FALLBACK_MODELS}).`),
  stream: z.boolean().default(false).describe("Deprecated; ignored."),
});

export type CompletionRequest = z.infer<typeof completionRequestSchema>;
export type CompletionRequestInput = z.input<typeof completionRequestSchema>;
