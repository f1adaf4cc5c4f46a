import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from "@ai-sdk/provider";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompletionError } from "./errors";
import { RunState } from "./run-state";

const USAGE: LanguageModelV4Usage = {
  inputTokens: { total: 12, noCache: 10, cacheRead: 2, cacheWrite: 0 },
  outputTokens: { total: 7, text: 7, reasoning: 0 },
};

/** `raw` defaults to the unified reason; pass `{ raw: undefined }` for a provider that sent none. */
function finish(
  unified: "stop" | "tool-calls" | "other" = "stop",
  reason: { raw: string | undefined } = { raw: unified },
): LanguageModelV4StreamPart {
  return { type: "finish", usage: USAGE, finishReason: { unified, raw: reason.raw } };
}

/** Feeds every part and returns the pieces the writer would send, in order. */
function feed(state: RunState, parts: LanguageModelV4StreamPart[]): string[] {
  return parts.map((part) => state.accept(part));
}

/** A provider that streams a call's arguments: start, deltas, end, then the complete call. */
function streamedCall(id: string, toolName: string, deltas: string[]): LanguageModelV4StreamPart[] {
  return [
    { type: "tool-input-start", id, toolName },
    ...deltas.map((delta): LanguageModelV4StreamPart => ({ type: "tool-input-delta", id, delta })),
    { type: "tool-input-end", id },
    { type: "tool-call", toolCallId: id, toolName, input: deltas.join("") },
  ];
}

describe("RunState", () => {
  it("concatenates text deltas into text and content, returning each delta", () => {
    const state = new RunState();
    const pieces = feed(state, [
      { type: "stream-start", warnings: [] },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Hello" },
      { type: "text-delta", id: "t", delta: ", wörld 🎉" },
      { type: "text-end", id: "t" },
      finish("stop"),
    ]);
    expect(pieces).toEqual(["", "", "Hello", ", wörld 🎉", "", ""]);
    expect(state.text).toBe("Hello, wörld 🎉");
    expect(state.content).toBe("Hello, wörld 🎉");
    expect(state.calls).toEqual([]);
    expect(state.finished).toBe(true);
    expect(state.finishReason).toBe("stop");
    expect(state.usage).toEqual(USAGE);
    expect(state.error).toBeUndefined();
  });

  it("keeps reasoning apart from the content", () => {
    const state = new RunState();
    const pieces = feed(state, [
      { type: "reasoning-delta", id: "r", delta: "thinking" },
      { type: "text-delta", id: "t", delta: "answer" },
    ]);
    expect(pieces).toEqual(["", "answer"]);
    expect(state.reasoning).toBe("thinking");
    expect(state.content).toBe("answer");
  });

  it("streams a tool call as Parea's JSON list; the pieces concatenate to content", () => {
    const state = new RunState();
    const pieces = feed(state, [
      ...streamedCall("call_1", "get_current_weather", ['{"loca', 'tion": "New', ' York"}']),
      finish("tool-calls"),
    ]);
    expect(pieces).toEqual([
      '[{"function": {"name": "get_current_weather", "arguments": ',
      '{"loca',
      'tion": "New',
      ' York"}',
      "",
      "}}",
      "]",
    ]);
    expect(pieces.join("")).toBe(state.content);
    expect(JSON.parse(state.content)).toEqual([
      { function: { name: "get_current_weather", arguments: { location: "New York" } } },
    ]);
    expect(state.text).toBe("");
    expect(state.toolCalls()).toEqual([
      { id: "call_1", name: "get_current_weather", arguments: '{"location": "New York"}' },
    ]);
    expect(state.finishReason).toBe("tool-calls");
    expect(state.finished).toBe(true);
  });

  it("streams two tool calls into one list", () => {
    const state = new RunState();
    const pieces = feed(state, [
      ...streamedCall("a", "get_weather", ['{"city":', '"Paris"}']),
      ...streamedCall("b", "get_time", ['{"zone":"CET"}']),
      finish("tool-calls"),
    ]);
    expect(pieces.join("")).toBe(state.content);
    expect(JSON.parse(state.content)).toEqual([
      { function: { name: "get_weather", arguments: { city: "Paris" } } },
      { function: { name: "get_time", arguments: { zone: "CET" } } },
    ]);
    expect(state.toolCalls().map((call) => call.id)).toEqual(["a", "b"]);
  });

  it("handles a provider that sends only the complete tool-call part (no deltas)", () => {
    const state = new RunState();
    const pieces = feed(state, [
      { type: "tool-call", toolCallId: "x1", toolName: "lookup", input: '{"q":"ü","n":[1,2]}' },
      { type: "tool-call", toolCallId: "x2", toolName: "other", input: '{"k":true}' },
      finish("tool-calls"),
    ]);
    expect(pieces).toEqual([
      '[{"function": {"name": "lookup", "arguments": {"q":"ü","n":[1,2]}}}',
      ', {"function": {"name": "other", "arguments": {"k":true}}}',
      "]",
    ]);
    expect(pieces.join("")).toBe(state.content);
    expect(JSON.parse(state.content)).toEqual([
      { function: { name: "lookup", arguments: { q: "ü", n: [1, 2] } } },
      { function: { name: "other", arguments: { k: true } } },
    ]);
  });

  it("writes {} for a call with empty arguments", () => {
    for (const parts of [
      [{ type: "tool-call", toolCallId: "e", toolName: "ping", input: "" }],
      streamedCall("e", "ping", []),
    ] as LanguageModelV4StreamPart[][]) {
      const state = new RunState();
      const pieces = feed(state, [...parts, finish("tool-calls")]);
      expect(pieces.join("")).toBe(state.content);
      expect(JSON.parse(state.content)).toEqual([{ function: { name: "ping", arguments: {} } }]);
    }
  });

  it("closes an open list when the stream ends without a finish part, once", () => {
    const state = new RunState();
    const pieces = feed(state, [
      { type: "tool-input-start", id: "c", toolName: "f" },
      { type: "tool-input-delta", id: "c", delta: '{"a":1}' },
    ]);
    pieces.push(state.closeAll(), state.closeAll());
    expect(pieces.slice(-2)).toEqual(["}}]", ""]);
    expect(JSON.parse(pieces.join(""))).toEqual([{ function: { name: "f", arguments: { a: 1 } } }]);
    expect(state.finished).toBe(false);
  });

  it("hands out tool-call deltas once, with index, id and name", () => {
    const state = new RunState();
    expect(state.takeToolDeltas()).toBeUndefined();
    feed(state, [
      { type: "tool-input-start", id: "a", toolName: "f" },
      { type: "tool-input-delta", id: "a", delta: '{"x"' },
    ]);
    expect(state.takeToolDeltas()).toEqual([
      { index: 0, id: "a", name: "f", arguments: "" },
      { index: 0, id: "a", arguments: '{"x"' },
    ]);
    expect(state.takeToolDeltas()).toBeUndefined();
    feed(state, [
      { type: "tool-input-delta", id: "a", delta: ":1}" },
      { type: "tool-input-delta", id: "a", delta: "" },
      { type: "tool-input-start", id: "b", toolName: "g" },
      { type: "tool-input-delta", id: "unknown", delta: "ignored" },
    ]);
    expect(state.takeToolDeltas()).toEqual([
      { index: 0, id: "a", arguments: ":1}" },
      { index: 1, id: "b", name: "g", arguments: "" },
    ]);
  });

  it("marks a finish with no raw reason and unified 'other' as not finished", () => {
    const state = new RunState();
    feed(state, [{ type: "text-delta", id: "t", delta: "cut" }, finish("other", { raw: undefined })]);
    expect(state.finished).toBe(false);
    expect(state.finishReason).toBe("other");
    expect(state.usage).toEqual(USAGE);

    const explicit = new RunState();
    explicit.accept(finish("other", { raw: "weird_reason" }));
    expect(explicit.finished).toBe(true);
    expect(explicit.finishReason).toBe("weird_reason");
  });

  it("turns an error part into an upstream_stream_error carrying the provider's message", () => {
    const state = new RunState();
    expect(state.accept({ type: "error", error: new Error("connection reset by peer") })).toBe("");
    expect(state.error).toBeInstanceOf(CompletionError);
    expect(state.error?.type).toBe("upstream_stream_error");
    expect(state.error?.status).toBe(502);
    expect(state.error?.message).toContain("connection reset by peer");

    const anthropicStyle = new RunState();
    anthropicStyle.accept({
      type: "error",
      error: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
    });
    expect(anthropicStyle.error?.type).toBe("upstream_stream_error");
    expect(anthropicStyle.error?.message).toContain("Overloaded");
  });

  it("keeps a CompletionError from the stream as it is", () => {
    const original = new CompletionError(504, "upstream_timeout", "slow");
    const state = new RunState();
    state.accept({ type: "error", error: original });
    expect(state.error).toBe(original);
  });

  it("yields valid JSON equal to its pieces for any calls, streamed or not (property)", () => {
    const call = fc.record({
      name: fc.stringMatching(/^[a-z_]{1,12}$/),
      args: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      streamed: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 4 }), (calls) => {
        const state = new RunState();
        const pieces: string[] = [];
        calls.forEach((spec, index) => {
          const json = JSON.stringify(spec.args);
          if (!spec.streamed) {
            pieces.push(state.accept({ type: "tool-call", toolCallId: `c${index}`, toolName: spec.name, input: json }));
            return;
          }
          const points = [...new Set(spec.cuts.map((cut) => cut % (json.length + 1)))].sort((a, b) => a - b);
          const deltas = [0, ...points].map((start, i, all) => json.slice(start, all[i + 1] ?? json.length));
          pieces.push(...feed(state, streamedCall(`c${index}`, spec.name, deltas)));
        });
        pieces.push(state.accept(finish("tool-calls")));
        expect(pieces.join("")).toBe(state.content);
        expect(JSON.parse(state.content)).toEqual(
          calls.map((spec) => ({ function: { name: spec.name, arguments: JSON.parse(JSON.stringify(spec.args)) } })),
        );
      }),
    );
  });
});
