import type { CompletionRequestInput, Message } from "@/lib/schema/completion-request";
import { argumentsText, compact, type IgnoredFields, isRecord, type Json, numberOrUndefined } from "./mapping-support";

/**
 * An Anthropic Messages body → a Parea request: `system` becomes the first message, content blocks become Parea's
 * string encodings (text joined, images as a JSON list of image_url parts, tool_use as the assistant's call list,
 * each tool_result its own `tool` turn).
 */

const HANDLED = [
  "model",
  "messages",
  "system",
  "max_tokens",
  "temperature",
  "top_p",
  "top_k",
  "stop_sequences",
  "tools",
  "tool_choice",
  "metadata",
];
const IMPLIED = ["stream"];

function textOf(value: unknown, path: string, ignored: IgnoredFields): string {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) return "";
  return value
    .map((block, index) => {
      if (isRecord(block) && block.type === "text") return String(block.text ?? "");
      ignored.add(`${path}[${index}]`);
      return "";
    })
    .join("");
}

function imagePart(block: Json): Json | undefined {
  const source = isRecord(block.source) ? block.source : {};
  if (source.type === "base64") {
    return { type: "image_url", image_url: { url: `data:${source.media_type};base64,${source.data}` } };
  }
  if (source.type === "url") return { type: "image_url", image_url: { url: source.url } };
  return undefined;
}

function blockMessages(message: Json, path: string, ignored: IgnoredFields): Message[] {
  const role = message.role === "assistant" ? "assistant" : "user";
  if (typeof message.content === "string") return [{ role, content: message.content }];
  if (!Array.isArray(message.content)) return [{ role, content: "" }];
  const turns: Message[] = [];
  const parts: Json[] = [];
  const calls: Json[] = [];
  for (const [index, block] of message.content.entries()) {
    const at = `${path}.content[${index}]`;
    if (!isRecord(block)) ignored.add(at);
    else if (block.type === "text") parts.push({ type: "text", text: String(block.text ?? "") });
    else if (block.type === "image") {
      const part = imagePart(block);
      if (part) parts.push(part);
      else ignored.add(at);
    } else if (block.type === "tool_use") {
      calls.push({
        id: block.id,
        type: "function",
        function: { name: block.name, arguments: argumentsText(block.input) },
      });
    } else if (block.type === "tool_result") {
      const content = textOf(block.content, `${at}.content`, ignored);
      turns.push({ role: "tool", content: JSON.stringify({ tool_call_id: block.tool_use_id ?? "", content }) });
    } else ignored.add(at);
  }
  if (calls.length > 0) {
    if (parts.length > 0) ignored.add(`${path}.content (text beside tool_use)`);
    return [{ role: "assistant", content: JSON.stringify(calls) }];
  }
  if (parts.length === 1 && parts[0]?.type === "text") turns.push({ role, content: String(parts[0].text) });
  else if (parts.length > 0) {
    const allText = parts.every((part) => part.type === "text");
    turns.push({ role, content: allText ? parts.map((part) => part.text).join("") : JSON.stringify(parts) });
  }
  return turns;
}

function functionCallOf(choice: unknown, ignored: IgnoredFields): unknown {
  if (!isRecord(choice)) return undefined;
  if (choice.type === "auto" || choice.type === "none") return choice.type;
  if (choice.type === "any") return "required";
  if (choice.type === "tool" && typeof choice.name === "string") return { name: choice.name };
  ignored.add("tool_choice");
  return undefined;
}

export function fromAnthropicBody(body: Json, ignored: IgnoredFields): CompletionRequestInput {
  ignored.rest(body, HANDLED, IMPLIED);
  const messages: Message[] = [];
  const system = textOf(body.system, "system", ignored);
  if (system) messages.push({ role: "system", content: system });
  if (Array.isArray(body.messages)) {
    body.messages.forEach((message, index) => {
      if (isRecord(message)) messages.push(...blockMessages(message, `messages[${index}]`, ignored));
    });
  }
  const functions = (Array.isArray(body.tools) ? body.tools : []).flatMap((tool, index) => {
    if (isRecord(tool) && typeof tool.name === "string" && (tool.type === undefined || tool.type === "custom")) {
      return [compact({ name: tool.name, description: tool.description, parameters: tool.input_schema as Json })];
    }
    ignored.add(`tools[${index}]`);
    return [];
  });
  const metadata = isRecord(body.metadata) ? body.metadata : undefined;
  return compact({
    llm_configuration: compact({
      provider: "anthropic",
      model: typeof body.model === "string" ? body.model : undefined,
      messages,
      functions: functions.length > 0 ? functions : undefined,
      function_call: functionCallOf(body.tool_choice, ignored),
      model_params: compact({
        temp: numberOrUndefined(body.temperature),
        top_p: numberOrUndefined(body.top_p),
        top_k: numberOrUndefined(body.top_k),
        max_length: numberOrUndefined(body.max_tokens),
        stop: Array.isArray(body.stop_sequences) ? body.stop_sequences : undefined,
      }),
    }),
    end_user_identifier: typeof metadata?.user_id === "string" ? metadata.user_id : undefined,
  }) as CompletionRequestInput;
}

/** Anthropic's own fields, to tell its body from OpenAI's when a JSON body is pasted alone. */
export function looksLikeAnthropic(body: Json): boolean {
  if ("system" in body || "stop_sequences" in body || "top_k" in body) return true;
  if (typeof body.model === "string" && body.model.startsWith("claude")) return true;
  const tools = Array.isArray(body.tools) ? body.tools : [];
  if (tools.some((tool) => isRecord(tool) && "input_schema" in tool)) return true;
  const messages = Array.isArray(body.messages) ? body.messages : [];
  return messages.some(
    (message) =>
      isRecord(message) &&
      Array.isArray(message.content) &&
      message.content.some(
        (block) => isRecord(block) && ["tool_use", "tool_result", "image"].includes(String(block.type)),
      ),
  );
}
