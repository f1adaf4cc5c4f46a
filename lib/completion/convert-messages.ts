import type {
  LanguageModelV4FilePart,
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4TextPart,
  LanguageModelV4ToolCallPart,
} from "@ai-sdk/provider";
import type { Message } from "@/lib/schema/completion-request";

/**
 * Parea messages → the AI SDK's provider-neutral prompt. Parea keeps every content a string, so structure rides
 * inside it as JSON (as Parea's SDKs encode it): a tool result is `{"tool_call_id", "content"}`, an assistant
 * tool-call turn is a list of calls, multi-part (vision) content is a list of parts. Anything that does not parse
 * as that structure is plain text: a user who writes "[1, 2]" means the text.
 */

interface PendingCall {
  id: string;
  name: string;
}

function parseJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== "[" && first !== "{") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toUserParts(content: string): Array<LanguageModelV4TextPart | LanguageModelV4FilePart> {
  const parsed = parseJson(content);
  if (!Array.isArray(parsed) || parsed.length === 0) return [{ type: "text", text: content }];
  const parts: Array<LanguageModelV4TextPart | LanguageModelV4FilePart> = [];
  for (const item of parsed) {
    if (!isRecord(item)) return [{ type: "text", text: content }];
    if (item.type === "text" && typeof item.text === "string") {
      parts.push({ type: "text", text: item.text });
    } else if (item.type === "image_url") {
      const source = isRecord(item.image_url) ? item.image_url.url : item.image_url;
      if (typeof source !== "string" || !URL.canParse(source)) return [{ type: "text", text: content }];
      parts.push(imagePart(source));
    } else {
      return [{ type: "text", text: content }];
    }
  }
  return parts;
}

function imagePart(source: string): LanguageModelV4FilePart {
  const dataUrl = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(source);
  if (dataUrl) {
    return { type: "file", mediaType: dataUrl[1] ?? "image/png", data: { type: "data", data: dataUrl[3] ?? "" } };
  }
  return { type: "file", mediaType: "image/*", data: { type: "url", url: new URL(source) } };
}

/** `[{"id"?, "function": {"name", "arguments"}}]` (Parea's and OpenAI's shapes) → tool-call parts, else undefined. */
function toToolCalls(content: string, nextId: () => string): LanguageModelV4ToolCallPart[] | undefined {
  const parsed = parseJson(content);
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  const calls: LanguageModelV4ToolCallPart[] = [];
  for (const item of parsed) {
    if (!isRecord(item) || !isRecord(item.function) || typeof item.function.name !== "string") return undefined;
    const rawArguments = item.function.arguments;
    let input: unknown = rawArguments ?? {};
    if (typeof rawArguments === "string")
      input = parseJson(rawArguments) ?? (rawArguments.trim() === "" ? {} : rawArguments);
    const id = typeof item.id === "string" && item.id !== "" ? item.id : nextId();
    calls.push({ type: "tool-call", toolCallId: id, toolName: item.function.name, input });
  }
  return calls;
}

export function convertMessages(messages: readonly Message[]): LanguageModelV4Prompt {
  const prompt: LanguageModelV4Message[] = [];
  let pending: PendingCall[] = [];
  let generated = 0;
  const nextId = () => `call_${generated++}`;

  for (const message of messages) {
    switch (message.role) {
      case "system":
        prompt.push({ role: "system", content: message.content });
        break;
      case "user":
      case "example_user":
        prompt.push({ role: "user", content: toUserParts(message.content) });
        break;
      case "assistant":
      case "example_assistant": {
        const calls = message.role === "assistant" ? toToolCalls(message.content, nextId) : undefined;
        if (calls) {
          pending = calls.map((call) => ({ id: call.toolCallId, name: call.toolName }));
          prompt.push({ role: "assistant", content: calls });
        } else {
          prompt.push({ role: "assistant", content: [{ type: "text", text: message.content }] });
        }
        break;
      }
      case "tool":
      case "function": {
        const parsed = parseJson(message.content);
        const byId = isRecord(parsed) && typeof parsed.tool_call_id === "string" ? parsed.tool_call_id : undefined;
        const name = typeof message.name === "string" ? message.name : undefined;
        const call =
          pending.find((candidate) => candidate.id === byId) ??
          pending.find((candidate) => candidate.name === name) ??
          (byId === undefined ? pending[0] : undefined);
        const value = isRecord(parsed) && byId !== undefined ? stringifyResult(parsed.content) : message.content;
        if (!call && byId === undefined) {
          // A result with no call to answer: providers reject orphan tool turns, so it is told as text.
          prompt.push({ role: "user", content: [{ type: "text", text: value }] });
          break;
        }
        const toolCallId = call?.id ?? (byId as string);
        pending = pending.filter((candidate) => candidate.id !== toolCallId);
        prompt.push({
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId,
              toolName: call?.name ?? name ?? "tool",
              output: { type: "text", value },
            },
          ],
        });
        break;
      }
    }
  }
  return prompt;
}

function stringifyResult(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value ?? null);
}
