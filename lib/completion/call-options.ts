import type { JSONSchema7, LanguageModelV4CallOptions, LanguageModelV4FunctionTool } from "@ai-sdk/provider";
import type { ProviderAdapter } from "@/lib/providers/types";
import type { FunctionDefinition, LlmConfiguration, Message, ModelParams } from "@/lib/schema/completion-request";
import { findTooDeep, MAX_JSON_DEPTH } from "@/lib/schema/json-depth";
import { convertMessages } from "./convert-messages";
import { CompletionError } from "./errors";

export type CallOptions = Omit<LanguageModelV4CallOptions, "abortSignal">;

function toTool(definition: FunctionDefinition): LanguageModelV4FunctionTool {
  return {
    type: "function",
    name: definition.name,
    description: definition.description,
    inputSchema: (definition.parameters as JSONSchema7 | undefined) ?? { type: "object", properties: {} },
  };
}

function toToolChoice(functionCall: LlmConfiguration["function_call"]): LanguageModelV4CallOptions["toolChoice"] {
  if (functionCall == null) return undefined;
  if (typeof functionCall === "string") return { type: functionCall };
  return { type: "tool", toolName: functionCall.name };
}

function toResponseFormat(format: ModelParams["response_format"]): LanguageModelV4CallOptions["responseFormat"] {
  if (format == null || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json" };
  let given: unknown = format.json_schema;
  if (typeof given === "string") {
    const tooDeep = findTooDeep(given);
    if (tooDeep) {
      throw new CompletionError(422, "validation_error", "response_format.json_schema nests too deep.", {
        detail: [
          {
            loc: ["body", "llm_configuration", "model_params", "response_format", "json_schema", ...tooDeep],
            msg: `JSON nested deeper than ${MAX_JSON_DEPTH} levels; flatten it`,
            type: "too_deep",
          },
        ],
      });
    }
    try {
      given = JSON.parse(given);
    } catch (error) {
      throw new CompletionError(422, "validation_error", "response_format.json_schema is not valid JSON.", {
        detail: [
          {
            loc: ["body", "llm_configuration", "model_params", "response_format", "json_schema"],
            msg: `not valid JSON: ${(error as Error).message}`,
            type: "value_error.json",
          },
        ],
      });
    }
  }
  if (given == null || typeof given !== "object") return { type: "json" };
  // OpenAI's wrapper {name, schema, strict} or a bare JSON Schema.
  const wrapper = given as { name?: unknown; schema?: unknown; description?: unknown };
  if (wrapper.schema && typeof wrapper.schema === "object") {
    return {
      type: "json",
      schema: wrapper.schema as JSONSchema7,
      name: typeof wrapper.name === "string" ? wrapper.name : undefined,
      description: typeof wrapper.description === "string" ? wrapper.description : undefined,
    };
  }
  return { type: "json", schema: given as JSONSchema7 };
}

/** Parea's llm_configuration (after templating) → the AI SDK's provider-neutral call options. */
export function buildCallOptions(
  configuration: LlmConfiguration,
  messages: readonly Message[],
  adapter: ProviderAdapter,
): CallOptions {
  const params: ModelParams = configuration.model_params ?? {};
  const functions = configuration.functions ?? [];
  const stop = params.stop == null ? undefined : Array.isArray(params.stop) ? params.stop : [params.stop];
  return {
    prompt: convertMessages(messages),
    temperature: params.temp ?? undefined,
    topP: params.top_p ?? undefined,
    topK: params.top_k ?? undefined,
    frequencyPenalty: params.frequency_penalty ?? undefined,
    presencePenalty: params.presence_penalty ?? undefined,
    maxOutputTokens: params.max_length ?? undefined,
    stopSequences: stop,
    seed: params.seed ?? undefined,
    reasoning: params.reasoning_effort ?? undefined,
    responseFormat: toResponseFormat(params.response_format),
    tools: functions.length > 0 ? functions.map(toTool) : undefined,
    toolChoice: functions.length > 0 ? toToolChoice(configuration.function_call) : undefined,
    providerOptions: adapter.providerOptions?.(params),
  };
}
