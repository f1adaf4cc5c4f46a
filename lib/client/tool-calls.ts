import type { Message } from "@/lib/schema/completion-request";
import type { ToolCallDelta } from "./run-stream";
import type { ToolCallView } from "./run-types";

/** Folds streamed `tool_calls_delta` pieces into whole calls (a piece names its call by index). */
export function mergeToolCallDeltas(calls: readonly ToolCallView[], deltas: readonly ToolCallDelta[]): ToolCallView[] {
  const next = calls.map((call) => ({ ...call }));
  for (const delta of deltas) {
    let call = next.find((candidate) => candidate.index === delta.index);
    if (!call) {
      call = { index: delta.index, id: delta.id, name: delta.name ?? "", arguments: "" };
      next.push(call);
    }
    if (delta.name) call.name = delta.name;
    if (delta.id) call.id = delta.id;
    call.arguments += delta.arguments ?? "";
  }
  return next.sort((a, b) => a.index - b.index);
}

/** The final event's `tool_calls` are authoritative: they replace what the deltas built. */
export function toolCallsFromResult(calls: readonly { id: string; name: string; arguments: string }[]): ToolCallView[] {
  return calls.map((call, index) => ({ index, id: call.id, name: call.name, arguments: call.arguments }));
}

export function parseArguments(text: string): { value?: Record<string, unknown>; error?: string } {
  if (text.trim() === "") return { value: {} };
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return { value: value as Record<string, unknown> };
    }
    return { error: "not an object" };
  } catch (error) {
    return { error: error instanceof Error ? error.message : "invalid JSON" };
  }
}

export function prettyArguments(text: string): string {
  const parsed = parseArguments(text);
  return parsed.value ? JSON.stringify(parsed.value, null, 2) : text;
}

/**
 * The two turns that answer a tool-calling run, in Parea's string encoding: the assistant's calls as a JSON list
 * (OpenAI's shape), then one `tool` message per call with `{tool_call_id, content}`.
 */
export function toolContinuationMessages(
  calls: readonly ToolCallView[],
  results: Readonly<Record<string, string>>,
): Message[] {
  const assistant: Message = {
    role: "assistant",
    content: JSON.stringify(
      calls.map((call) => ({
        id: call.id,
        type: "function",
        function: { name: call.name, arguments: call.arguments.trim() === "" ? "{}" : call.arguments },
      })),
    ),
  };
  const turns: Message[] = [assistant];
  for (const call of calls) {
    turns.push({ role: "tool", content: JSON.stringify({ tool_call_id: call.id, content: results[call.id] ?? "" }) });
  }
  return turns;
}
