import type { LanguageModelV4FinishReason, LanguageModelV4Usage } from "@ai-sdk/provider";
import type { WireParser } from "./part-batches";

/**
 * Anthropic Messages streaming: message_start (input usage), content blocks (text, tool_use with input_json_delta,
 * thinking), message_delta (stop_reason, output usage), message_stop, and `error` events.
 */

interface AnthropicEvent {
  type?: string;
  index?: number;
  message?: { usage?: AnthropicUsage };
  content_block?: { type?: string; id?: string; name?: string; text?: string };
  delta?: { type?: string; text?: string; partial_json?: string; thinking?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

const FINISH: Record<string, LanguageModelV4FinishReason["unified"]> = {
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  max_tokens: "length",
  tool_use: "tool-calls",
  refusal: "content-filter",
};

export function anthropicMessagesParser(): WireParser {
  const blocks = new Map<number, { kind: string; id: string; name: string; input: string }>();
  let input: AnthropicUsage = {};
  let output = 0;
  let stopReason: string | undefined;
  let errored = false;

  return {
    event(_event, data, parts) {
      if (errored) return;
      let event: AnthropicEvent;
      try {
        event = JSON.parse(data) as AnthropicEvent;
      } catch {
        errored = true;
        parts.push({ type: "error", error: { message: `invalid JSON in the stream: ${data.slice(0, 80)}` } });
        return;
      }
      switch (event.type) {
        case "message_start":
          input = event.message?.usage ?? {};
          output = input.output_tokens ?? 0;
          break;
        case "content_block_start": {
          const block = event.content_block ?? {};
          const index = event.index ?? blocks.size;
          const entry = {
            kind: block.type ?? "text",
            id: block.id ?? `block-${index}`,
            name: block.name ?? "",
            input: "",
          };
          blocks.set(index, entry);
          if (entry.kind === "text") {
            parts.push({ type: "text-start", id: String(index) });
            if (block.text) parts.push({ type: "text-delta", id: String(index), delta: block.text });
          } else if (entry.kind === "tool_use") {
            parts.push({ type: "tool-input-start", id: entry.id, toolName: entry.name });
          }
          break;
        }
        case "content_block_delta": {
          const entry = blocks.get(event.index ?? -1);
          const delta = event.delta ?? {};
          if (delta.type === "text_delta" && delta.text)
            parts.push({ type: "text-delta", id: String(event.index), delta: delta.text });
          else if (delta.type === "thinking_delta" && delta.thinking)
            parts.push({ type: "reasoning-delta", id: String(event.index), delta: delta.thinking });
          else if (delta.type === "input_json_delta" && entry && delta.partial_json) {
            entry.input += delta.partial_json;
            parts.push({ type: "tool-input-delta", id: entry.id, delta: delta.partial_json });
          }
          break;
        }
        case "content_block_stop": {
          const entry = blocks.get(event.index ?? -1);
          if (entry?.kind === "text") parts.push({ type: "text-end", id: String(event.index) });
          else if (entry?.kind === "tool_use") {
            parts.push({ type: "tool-input-end", id: entry.id });
            parts.push({ type: "tool-call", toolCallId: entry.id, toolName: entry.name, input: entry.input || "{}" });
          }
          break;
        }
        case "message_delta":
          if (event.delta?.stop_reason) stopReason = event.delta.stop_reason;
          if (event.usage?.output_tokens !== undefined) output = event.usage.output_tokens;
          break;
        case "error":
          errored = true;
          parts.push({ type: "error", error: event.error ?? { message: data } });
          break;
        default:
          // ping, message_stop, and event types added later carry nothing we report.
          break;
      }
    },
    end(parts) {
      if (errored) return;
      const cacheRead = input.cache_read_input_tokens ?? 0;
      const cacheWrite = input.cache_creation_input_tokens ?? 0;
      const noCache = input.input_tokens;
      const usage: LanguageModelV4Usage = {
        inputTokens: {
          total: noCache === undefined ? undefined : noCache + cacheRead + cacheWrite,
          noCache,
          cacheRead,
          cacheWrite,
        },
        outputTokens: { total: output, text: output, reasoning: undefined },
      };
      // No stop_reason: the stream ended before message_delta, i.e. it was cut short.
      const unified = stopReason ? (FINISH[stopReason] ?? "other") : "interrupted";
      parts.push({ type: "finish", usage, finishReason: { unified, raw: stopReason } });
    },
  };
}
