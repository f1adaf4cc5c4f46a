import type { CompletionRequestInput, Message } from "@/lib/schema/completion-request";
import {
  decodeContentParts,
  decodeToolCalls,
  decodeToolResult,
  isRecord,
  parseJsonContent as parseJson,
} from "@/lib/schema/message-content";
import { applyTemplate } from "@/lib/schema/template";

/**
 * A Parea request → the body its provider's own API takes (OpenAI Chat Completions, Anthropic Messages), for the
 * "call the provider directly" export. Reads Parea's string encodings the way lib/completion/convert-messages
 * does (a JSON list of calls, a `{"tool_call_id", "content"}` result, a JSON list of content parts) and fills
 * `{{name}}` templates, since the provider knows nothing of Parea's inputs.
 */

type Json = Record<string, unknown>;

export interface ProviderBody {
  body: Json;
  /** What the provider's API cannot express, said as a comment in the snippet. */
  notes: string[];
}

interface Call {
  id: string;
  name: string;
  arguments: string;
}

function callsOf(content: string): Call[] | undefined {
  return decodeToolCalls(content)?.map((call, index) => ({
    id: call.id ?? `call_${index}`,
    name: call.name,
    arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {}),
  }));
}

const partsOf = (content: string) => decodeContentParts(content) as Json[] | undefined;

function resultOf(content: string): { id?: string; content: string } {
  const result = decodeToolResult(content);
  return result ? { id: result.toolCallId, content: result.content } : { content };
}

function filledMessages(request: CompletionRequestInput): Message[] {
  const configuration = request.llm_configuration ?? {};
  const messages = [...(configuration.messages ?? []), ...(configuration.history ?? [])] as Message[];
  const inputs = (request.llm_inputs ?? request.inputs ?? undefined) as Json | undefined;
  return applyTemplate(
    messages.map((message) => ({ ...message, content: message.content ?? "" })),
    inputs,
  ).messages;
}

function responseFormat(value: unknown): Json | undefined {
  if (!isRecord(value) || value.type === "text") return undefined;
  if (value.type !== "json_schema") return { type: value.type };
  const raw = typeof value.json_schema === "string" ? parseJson(value.json_schema) : value.json_schema;
  const schema = isRecord(raw) ? raw : {};
  const wrapped = isRecord(schema.schema) ? schema : { name: "response", schema };
  return { type: "json_schema", json_schema: { name: "response", ...wrapped } };
}

function defined(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null));
}

function openaiMessage(message: Message): Json {
  switch (message.role) {
    case "system":
      return { role: "system", content: message.content };
    case "assistant":
    case "example_assistant": {
      const calls = message.role === "assistant" ? callsOf(message.content) : undefined;
      if (!calls) return { role: "assistant", content: message.content };
      const toolCalls = calls.map((call) => ({
        id: call.id,
        type: "function",
        function: { name: call.name, arguments: call.arguments || "{}" },
      }));
      return { role: "assistant", content: null, tool_calls: toolCalls };
    }
    case "tool":
    case "function": {
      const result = resultOf(message.content);
      if (result.id === undefined) return { role: "user", content: result.content };
      return { role: "tool", tool_call_id: result.id, content: result.content };
    }
    default:
      return { role: "user", content: partsOf(message.content) ?? message.content };
  }
}

/** `max_completion_tokens` for OpenAI itself (its reasoning models refuse max_tokens); others know max_tokens. */
export function toOpenAIBody(request: CompletionRequestInput, provider = "openai"): ProviderBody {
  const configuration = request.llm_configuration ?? {};
  const params = (configuration.model_params ?? {}) as Json;
  const functions = configuration.functions ?? [];
  const choice = configuration.function_call;
  const notes: string[] = [];
  if (params.top_k != null) notes.push("top_k has no Chat Completions equivalent; it is left out.");
  return {
    notes,
    body: defined({
      model: configuration.model,
      messages: filledMessages(request).map(openaiMessage),
      temperature: params.temp,
      top_p: params.top_p,
      frequency_penalty: params.frequency_penalty,
      presence_penalty: params.presence_penalty,
      [provider === "openai" ? "max_completion_tokens" : "max_tokens"]: params.max_length,
      stop: params.stop,
      seed: params.seed,
      reasoning_effort: params.reasoning_effort,
      response_format: responseFormat(params.response_format),
      tools:
        functions.length > 0 ? functions.map((fn) => ({ type: "function", function: defined({ ...fn }) })) : undefined,
      tool_choice:
        functions.length === 0 || choice == null
          ? undefined
          : typeof choice === "string"
            ? choice
            : { type: "function", function: { name: choice.name } },
    }),
  };
}

function imageBlock(part: Json): Json | undefined {
  const source = isRecord(part.image_url) ? part.image_url.url : part.image_url;
  if (typeof source !== "string") return undefined;
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(source);
  if (data) return { type: "image", source: { type: "base64", media_type: data[1], data: data[2] } };
  return { type: "image", source: { type: "url", url: source } };
}

function anthropicTurn(message: Message): { role: "user" | "assistant"; blocks: Json[] } {
  if (message.role === "assistant" || message.role === "example_assistant") {
    const calls = message.role === "assistant" ? callsOf(message.content) : undefined;
    if (calls) {
      const blocks = calls.map((call) => ({
        type: "tool_use",
        id: call.id,
        name: call.name,
        input: (parseJson(call.arguments || "{}") as Json | undefined) ?? {},
      }));
      return { role: "assistant", blocks };
    }
    return { role: "assistant", blocks: [{ type: "text", text: message.content }] };
  }
  if (message.role === "tool" || message.role === "function") {
    const result = resultOf(message.content);
    if (result.id === undefined) return { role: "user", blocks: [{ type: "text", text: result.content }] };
    return { role: "user", blocks: [{ type: "tool_result", tool_use_id: result.id, content: result.content }] };
  }
  const parts = partsOf(message.content);
  if (!parts) return { role: "user", blocks: [{ type: "text", text: message.content }] };
  const blocks = parts.map((part) => (part.type === "text" ? { type: "text", text: part.text } : imageBlock(part)));
  return { role: "user", blocks: blocks.filter((block): block is Json => block !== undefined) };
}

/** Anthropic wants `system` apart, max_tokens always, temperature ≤ 1, and one turn per role in a row. */
export function toAnthropicBody(request: CompletionRequestInput): ProviderBody {
  const configuration = request.llm_configuration ?? {};
  const params = (configuration.model_params ?? {}) as Json;
  const notes: string[] = [];
  const messages = filledMessages(request);
  const system = messages.filter((message) => message.role === "system").map((message) => message.content);
  const turns: { role: "user" | "assistant"; content: Json[] }[] = [];
  for (const message of messages.filter((entry) => entry.role !== "system")) {
    const turn = anthropicTurn(message);
    const last = turns.at(-1);
    if (last && last.role === turn.role) last.content.push(...turn.blocks);
    else turns.push({ role: turn.role, content: turn.blocks });
  }
  const simplified = turns.map((turn) =>
    turn.content.length === 1 && turn.content[0]?.type === "text"
      ? { role: turn.role, content: turn.content[0].text }
      : turn,
  );
  let temperature = typeof params.temp === "number" ? params.temp : undefined;
  if (temperature !== undefined && temperature > 1) {
    notes.push(`Anthropic's temperature goes up to 1: ${temperature} became 1.`);
    temperature = 1;
  }
  for (const [name, label] of [
    ["frequency_penalty", "frequency_penalty"],
    ["presence_penalty", "presence_penalty"],
    ["seed", "seed"],
    ["response_format", "response_format (ask for JSON in the prompt instead)"],
  ] as const) {
    if (params[name] != null) notes.push(`${label} has no Messages API equivalent; it is left out.`);
  }
  const functions = configuration.functions ?? [];
  const choice = configuration.function_call;
  const stop = typeof params.stop === "string" ? [params.stop] : params.stop;
  return {
    notes,
    body: defined({
      model: configuration.model,
      max_tokens: params.max_length ?? 1024,
      system: system.length > 0 ? system.join("\n\n") : undefined,
      messages: simplified,
      temperature,
      top_p: params.top_p,
      top_k: params.top_k,
      stop_sequences: stop,
      tools:
        functions.length > 0
          ? functions.map((fn) =>
              defined({
                name: fn.name,
                description: fn.description,
                input_schema: fn.parameters ?? { type: "object", properties: {} },
              }),
            )
          : undefined,
      tool_choice:
        functions.length === 0 || choice == null
          ? undefined
          : choice === "required"
            ? { type: "any" }
            : typeof choice === "string"
              ? { type: choice }
              : { type: "tool", name: choice.name },
    }),
  };
}
