import type {
  LanguageModelV4FilePart,
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4TextPart,
  LanguageModelV4ToolCallPart,
} from "@ai-sdk/provider";
import type { Message } from "@/lib/schema/completion-request";
import {
  decodeContentParts,
  decodeToolCalls,
  decodeToolResult,
  isRecord,
  parseJsonContent,
} from "@/lib/schema/message-content";

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

function toUserParts(content: string): Array<LanguageModelV4TextPart | LanguageModelV4FilePart> {
  const decoded = decodeContentParts(content);
  if (!decoded) return [{ type: "text", text: content }];
  const parts: Array<LanguageModelV4TextPart | LanguageModelV4FilePart> = [];
  for (const item of decoded) {
    if (item.type === "text") {
      parts.push({ type: "text", text: item.text as string });
      continue;
    }
    const source = isRecord(item.image_url) ? item.image_url.url : item.image_url;
    if (typeof source !== "string" || !URL.canParse(source)) return [{ type: "text", text: content }];
    parts.push(imagePart(source));
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
  return decodeToolCalls(content)?.map((call) => {
    let input: unknown = call.arguments ?? {};
    if (typeof call.arguments === "string")
      input = parseJsonContent(call.arguments) ?? (call.arguments.trim() === "" ? {} : call.arguments);
    return { type: "tool-call", toolCallId: call.id ?? nextId(), toolName: call.name, input };
  });
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
        const result = decodeToolResult(message.content);
        const byId = result?.toolCallId;
        const name = typeof message.name === "string" ? message.name : undefined;
        const call =
          pending.find((candidate) => candidate.id === byId) ??
          pending.find((candidate) => candidate.name === name) ??
          (byId === undefined ? pending[0] : undefined);
        const value = result?.content ?? message.content;
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
