import type { CompletionRequestInput, Message } from "@/lib/schema/completion-request";
import { argumentsText, compact, type IgnoredFields, isRecord, type Json, numberOrUndefined } from "./mapping-support";

/**
 * An OpenAI Chat Completions body → a Parea request. Parea keeps every message content a string: multi-part
 * content becomes a JSON list of parts, an assistant's tool calls a JSON list of calls, a tool result
 * `{"tool_call_id", "content"}` (the encoding lib/completion/convert-messages reads back).
 */

const HANDLED = [
  "model",
  "messages",
  "temperature",
  "top_p",
  "frequency_penalty",
  "presence_penalty",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "seed",
  "reasoning_effort",
  "response_format",
  "tools",
  "tool_choice",
  "functions",
  "function_call",
  "user",
  "metadata",
];
/** Our endpoint always streams and asks for usage: these say nothing more. */
const IMPLIED = ["stream", "stream_options"];

function messageContent(content: unknown, path: string, ignored: IgnoredFields): string {
  if (typeof content === "string") return content;
  if (content == null) return "";
  if (!Array.isArray(content)) {
    ignored.add(path);
    return "";
  }
  const parts = content.filter((part, index) => {
    const known = isRecord(part) && (part.type === "text" || part.type === "image_url");
    if (!known) ignored.add(`${path}[${index}]`);
    return known;
  }) as Json[];
  if (parts.length === 1 && parts[0]?.type === "text") return String(parts[0].text ?? "");
  return parts.length === 0 ? "" : JSON.stringify(parts);
}

function toolCallsContent(calls: unknown[]): string {
  return JSON.stringify(
    calls.filter(isRecord).map((call) => {
      const fn = isRecord(call.function) ? call.function : {};
      return { id: call.id, type: "function", function: { name: fn.name, arguments: argumentsText(fn.arguments) } };
    }),
  );
}

export function openaiMessages(messages: unknown, ignored: IgnoredFields): Message[] {
  if (!Array.isArray(messages)) return [];
  return messages.filter(isRecord).map((message, index) => {
    const path = `messages[${index}]`;
    ignored.rest(message, ["role", "content", "tool_calls", "tool_call_id", "function_call"], [], `${path}.`);
    const role = message.role === "developer" ? "system" : message.role;
    if (role === "assistant" && Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
      if (typeof message.content === "string" && message.content !== "") ignored.add(`${path}.content`);
      return { role: "assistant", content: toolCallsContent(message.tool_calls) };
    }
    if (role === "assistant" && isRecord(message.function_call)) {
      return { role: "assistant", content: toolCallsContent([{ id: "", function: message.function_call }]) };
    }
    const text = messageContent(message.content, `${path}.content`, ignored);
    if (role === "tool") {
      return { role: "tool", content: JSON.stringify({ tool_call_id: message.tool_call_id ?? "", content: text }) };
    }
    if (role === "system" || role === "user" || role === "assistant" || role === "function") {
      return { role, content: text } as Message;
    }
    ignored.add(`${path}.role`);
    return { role: "user", content: text };
  });
}

function functionsOf(body: Json, ignored: IgnoredFields): Json[] | undefined {
  const tools = Array.isArray(body.tools) ? body.tools : undefined;
  const legacy = Array.isArray(body.functions) ? body.functions : undefined;
  const functions: Json[] = [];
  tools?.forEach((tool, index) => {
    if (isRecord(tool) && tool.type === "function" && isRecord(tool.function)) {
      const { name, description, parameters, ...rest } = tool.function;
      ignored.rest(rest, [], [], `tools[${index}].function.`);
      functions.push(compact({ name, description, parameters }));
    } else ignored.add(`tools[${index}]`);
  });
  for (const fn of legacy ?? []) if (isRecord(fn)) functions.push(compact({ ...fn }));
  return functions.length > 0 ? functions : undefined;
}

function functionCallOf(body: Json, ignored: IgnoredFields): unknown {
  const choice = body.tool_choice ?? body.function_call;
  if (choice === undefined) return undefined;
  if (choice === "auto" || choice === "none" || choice === "required") return choice;
  if (isRecord(choice)) {
    const name = isRecord(choice.function) ? choice.function.name : choice.name;
    if (typeof name === "string") return { name };
  }
  ignored.add(body.tool_choice !== undefined ? "tool_choice" : "function_call");
  return undefined;
}

function responseFormatOf(value: unknown, ignored: IgnoredFields): Json | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === "text" || value.type === "json_object") return { type: value.type };
  if (value.type === "json_schema") return compact({ type: "json_schema", json_schema: value.json_schema });
  ignored.add("response_format");
  return undefined;
}

export function fromOpenAIBody(body: Json, ignored: IgnoredFields, provider = "openai"): CompletionRequestInput {
  ignored.rest(body, HANDLED, IMPLIED);
  const metadata = isRecord(body.metadata) ? body.metadata : undefined;
  return compact({
    llm_configuration: compact({
      provider,
      model: typeof body.model === "string" ? body.model : undefined,
      messages: openaiMessages(body.messages, ignored),
      functions: functionsOf(body, ignored),
      function_call: functionCallOf(body, ignored),
      model_params: compact({
        temp: numberOrUndefined(body.temperature),
        top_p: numberOrUndefined(body.top_p),
        frequency_penalty: numberOrUndefined(body.frequency_penalty),
        presence_penalty: numberOrUndefined(body.presence_penalty),
        max_length: numberOrUndefined(body.max_completion_tokens ?? body.max_tokens),
        stop: typeof body.stop === "string" || Array.isArray(body.stop) ? body.stop : undefined,
        seed: numberOrUndefined(body.seed),
        reasoning_effort: typeof body.reasoning_effort === "string" ? body.reasoning_effort : undefined,
        response_format: responseFormatOf(body.response_format, ignored),
      }),
    }),
    end_user_identifier: typeof body.user === "string" ? body.user : undefined,
    metadata,
  }) as CompletionRequestInput;
}
