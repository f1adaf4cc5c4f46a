import type { CompletionRequestInput } from "@/lib/schema/completion-request";

/**
 * What of a request may leave the browser (a share link, a snapshot, a comparison): an allow-list, so that a field
 * added to the schema later stays private until someone decides it is safe to share.
 * - never `provider_api_key`: keys are the recipient's own;
 * - not the ids of one run (`trace_id`, `inference_id`, `parent_trace_id`, `root_trace_id`): reusing them would file
 *   the recipient's runs under the sender's trace;
 * - not unknown keys of the request, its `llm_configuration` or its `model_params` (what the JSON editor lets
 *   through): they are listed in `dropped` so the sender sees what the link leaves out.
 * Values under an allowed field (messages, function schemas, metadata, inputs) are kept whole; the key detector
 * (detect-keys.ts) looks inside them.
 */
const REQUEST_FIELDS = [
  "llm_inputs",
  "inputs",
  "llm_configuration",
  "project_name",
  "project_uuid",
  "experiment_uuid",
  "end_user_identifier",
  "deployment_id",
  "eval_metric_ids",
  "metadata",
  "tags",
  "target",
  "trace_name",
  "cache",
  "log_omit_inputs",
  "log_omit_outputs",
  "log_omit",
  "log_sample_rate",
  "name",
  "retry",
  "fallback_strategy",
  "stream",
] as const;

const CONFIGURATION_FIELDS = [
  "model",
  "provider",
  "model_params",
  "messages",
  "history",
  "functions",
  "function_call",
  "base_url",
] as const;

export const MODEL_PARAM_FIELDS = [
  "temp",
  "top_p",
  "frequency_penalty",
  "presence_penalty",
  "max_length",
  "response_format",
  "safe_prompt",
  "stop",
  "seed",
  "reasoning_effort",
  "top_k",
] as const;

export interface ShareableRequest {
  request: CompletionRequestInput;
  /** Dotted paths of what was left out (never the values). */
  dropped: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pick(
  source: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
  dropped: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (allowed.includes(key)) out[key] = value;
    else dropped.push(`${prefix}${key}`);
  }
  return out;
}

/** A JSON-clean copy of `value` holding only the allowed fields. */
export function toShareableRequest(value: unknown): ShareableRequest {
  const dropped: string[] = [];
  const source = isRecord(value) ? (JSON.parse(JSON.stringify(value)) as Record<string, unknown>) : {};
  const request = pick(source, REQUEST_FIELDS, "", dropped);
  if (isRecord(request.llm_configuration)) {
    const configuration = pick(request.llm_configuration, CONFIGURATION_FIELDS, "llm_configuration.", dropped);
    if (isRecord(configuration.model_params)) {
      configuration.model_params = pick(
        configuration.model_params,
        MODEL_PARAM_FIELDS,
        "llm_configuration.model_params.",
        dropped,
      );
    }
    request.llm_configuration = configuration;
  }
  return { request: request as CompletionRequestInput, dropped };
}
