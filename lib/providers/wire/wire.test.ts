import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anthropicMessagesParser } from "./anthropic-messages";
import { fastContentDelta, openaiChatParser } from "./openai-chat";
import type { WireParser } from "./part-batches";
import { SseEventSplitter } from "./sse-events";

function run(parser: WireParser, events: [string, unknown][]): LanguageModelV4StreamPart[] {
  const parts: LanguageModelV4StreamPart[] = [];
  for (const [name, data] of events) parser.event(name, typeof data === "string" ? data : JSON.stringify(data), parts);
  parser.end(parts);
  return parts;
}

const chunk = (delta: unknown, finish: string | null = null, usage: unknown = null) => ({
  id: "chatcmpl-1",
  object: "chat.completion.chunk",
  created: 1,
  model: "m",
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  usage,
});

const text = (parts: LanguageModelV4StreamPart[]) =>
  parts.flatMap((part) => (part.type === "text-delta" ? [part.delta] : [])).join("");

describe("SseEventSplitter", () => {
  it("splits events across arbitrary pushes, CRLF or LF, multi-line data, comments ignored", () => {
    const splitter = new SseEventSplitter();
    const wire = ': comment\r\nevent: message_start\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata: [DONE]\n\n';
    const events = [...wire].flatMap((character) => splitter.push(character));
    expect(events).toEqual([
      { event: "message_start", data: '{"a":\n1}' },
      { event: "message", data: "[DONE]" },
    ]);
  });
});

describe("openaiChatParser", () => {
  it("text, usage and finish", () => {
    const parts = run(openaiChatParser(), [
      ["message", chunk({ role: "assistant", content: "", refusal: null })],
      ["message", chunk({ content: "Hel" })],
      ["message", chunk({ content: 'lo é\n"q"' })],
      ["message", chunk({}, "stop")],
      [
        "message",
        {
          ...chunk({}),
          choices: [],
          usage: { prompt_tokens: 5, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 1 } },
        },
      ],
      ["message", "[DONE]"],
    ]);
    expect(text(parts)).toBe('Hello é\n"q"');
    expect(parts.at(-1)).toEqual({
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 5, noCache: 4, cacheRead: 1, cacheWrite: undefined },
        outputTokens: { total: 2, text: 2, reasoning: 0 },
      },
    });
  });

  it("tool calls split across deltas become start, deltas and a complete call", () => {
    const parts = run(openaiChatParser(), [
      [
        "message",
        chunk({
          tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } }],
        }),
      ],
      ["message", chunk({ tool_calls: [{ index: 0, function: { arguments: '{"loc' } }] })],
      ["message", chunk({ tool_calls: [{ index: 0, function: { arguments: 'ation":"Paris"}' } }] })],
      ["message", chunk({}, "tool_calls")],
    ]);
    expect(parts).toContainEqual({ type: "tool-input-start", id: "call_1", toolName: "get_weather" });
    expect(parts.filter((part) => part.type === "tool-input-delta")).toHaveLength(2);
    expect(parts).toContainEqual({
      type: "tool-call",
      toolCallId: "call_1",
      toolName: "get_weather",
      input: '{"location":"Paris"}',
    });
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" } });
  });

  it("a stream with no finish_reason is 'interrupted' with no raw reason (a cut)", () => {
    const parts = run(openaiChatParser(), [["message", chunk({ content: "partial" })]]);
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "interrupted", raw: undefined } });
  });

  it("malformed JSON and an error chunk become one error part, and nothing after it", () => {
    const malformed = run(openaiChatParser(), [
      ["message", "{not json"],
      ["message", chunk({ content: "x" })],
    ]);
    expect(malformed).toEqual([{ type: "error", error: { message: "invalid JSON in the stream: {not json" } }]);
    const failed = run(openaiChatParser(), [["message", { error: { message: "server_error", type: "server_error" } }]]);
    expect(failed).toEqual([{ type: "error", error: { message: "server_error", type: "server_error" } }]);
  });

  it("the fast path reads exactly what JSON.parse reads, or steps aside", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.boolean(), (content, withUsage) => {
        const data = JSON.stringify(chunk({ content }, null, withUsage ? { prompt_tokens: 1 } : null));
        const fast = fastContentDelta(data);
        if (fast !== undefined) expect(fast).toBe(content);
        if (
          !withUsage &&
          !content.includes('"') &&
          !content.includes("\\") &&
          JSON.stringify(content) === `"${content}"`
        )
          expect(fast).toBe(content);
        if (withUsage) expect(fast).toBeUndefined();
        expect(
          text(
            run(openaiChatParser(), [
              ["message", data],
              ["message", chunk({}, "stop")],
            ]),
          ),
        ).toBe(content);
      }),
      { numRuns: 2000 },
    );
    expect(fastContentDelta(JSON.stringify(chunk({ content: "x" }, "stop")))).toBeUndefined();
    expect(fastContentDelta(JSON.stringify(chunk({ role: "assistant", content: "x" })))).toBeUndefined();
  }, 60_000);
});

describe("anthropicMessagesParser", () => {
  const start = {
    type: "message_start",
    message: { usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 2 } },
  };

  it("text blocks, a tool_use block with input_json_delta, usage and stop reason", () => {
    const parts = run(anthropicMessagesParser(), [
      ["message_start", start],
      ["content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }],
      ["ping", { type: "ping" }],
      [
        "content_block_delta",
        { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Let me check." } },
      ],
      ["content_block_stop", { type: "content_block_stop", index: 0 }],
      [
        "content_block_start",
        {
          type: "content_block_start",
          index: 1,
          content_block: { type: "tool_use", id: "toolu_1", name: "get_weather", input: {} },
        },
      ],
      [
        "content_block_delta",
        { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: "" } },
      ],
      [
        "content_block_delta",
        { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"location":' } },
      ],
      [
        "content_block_delta",
        { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '"Paris"}' } },
      ],
      ["content_block_stop", { type: "content_block_stop", index: 1 }],
      [
        "message_delta",
        {
          type: "message_delta",
          delta: { stop_reason: "tool_use", stop_sequence: null },
          usage: { output_tokens: 30 },
        },
      ],
      ["message_stop", { type: "message_stop" }],
    ]);
    expect(text(parts)).toBe("Let me check.");
    expect(parts).toContainEqual({
      type: "tool-call",
      toolCallId: "toolu_1",
      toolName: "get_weather",
      input: '{"location":"Paris"}',
    });
    expect(parts.at(-1)).toEqual({
      type: "finish",
      finishReason: { unified: "tool-calls", raw: "tool_use" },
      usage: {
        inputTokens: { total: 12, noCache: 10, cacheRead: 2, cacheWrite: 0 },
        outputTokens: { total: 30, text: 30, reasoning: undefined },
      },
    });
  });

  it("an error event stops the stream; no message_delta means interrupted", () => {
    const failed = run(anthropicMessagesParser(), [
      ["message_start", start],
      ["error", { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }],
    ]);
    expect(failed).toEqual([{ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }]);
    const cut = run(anthropicMessagesParser(), [["message_start", start]]);
    expect(cut.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "interrupted", raw: undefined } });
  });
});
