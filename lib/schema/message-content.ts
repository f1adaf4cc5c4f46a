/**
 * Parea keeps every message content a string, so structure rides inside it as JSON (as Parea's SDKs encode it).
 * These decoders are the one reading of that encoding, for the server (provider prompts) and the browser (exports):
 * anything that does not decode is plain text — a user who writes "[1, 2]" means the text.
 */
import { findTooDeep } from "./json-depth";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON.parse for text that starts like an object or a list; undefined for anything else. */
export function parseJsonContent(text: string): unknown {
  const first = text.trimStart()[0];
  // Deeper than any real tool call or content list: plain text, so no later walk (stringify) overflows the stack.
  if ((first !== "[" && first !== "{") || findTooDeep(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface EncodedToolCall {
  /** The call id when the turn carries one (OpenAI's shape), else undefined (Parea's shape). */
  id: string | undefined;
  name: string;
  /** As encoded: a JSON string, an object, or absent. */
  arguments: unknown;
}

/** An assistant tool-call turn: `[{"id"?, "function": {"name", "arguments"}}]`, else undefined. */
export function decodeToolCalls(content: string): EncodedToolCall[] | undefined {
  const parsed = parseJsonContent(content);
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  const calls: EncodedToolCall[] = [];
  for (const item of parsed) {
    if (!isRecord(item) || !isRecord(item.function) || typeof item.function.name !== "string") return undefined;
    const id = typeof item.id === "string" && item.id !== "" ? item.id : undefined;
    calls.push({ id, name: item.function.name, arguments: item.function.arguments });
  }
  return calls;
}

/** Multi-part (vision) content: a list of `{type: "text", text}` and `{type: "image_url", ...}`, else undefined. */
export function decodeContentParts(content: string): Record<string, unknown>[] | undefined {
  const parsed = parseJsonContent(content);
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  const known = parsed.every(
    (part) => isRecord(part) && ((part.type === "text" && typeof part.text === "string") || part.type === "image_url"),
  );
  return known ? (parsed as Record<string, unknown>[]) : undefined;
}

/** A tool result: `{"tool_call_id", "content"}` with the content as a string, else undefined. */
export function decodeToolResult(content: string): { toolCallId: string; content: string } | undefined {
  const parsed = parseJsonContent(content);
  if (!isRecord(parsed) || typeof parsed.tool_call_id !== "string") return undefined;
  const value = parsed.content;
  return {
    toolCallId: parsed.tool_call_id,
    content: typeof value === "string" ? value : JSON.stringify(value ?? null),
  };
}
