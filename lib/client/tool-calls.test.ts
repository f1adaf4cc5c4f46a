import { describe, expect, it } from "vitest";
import { mergeToolCallDeltas, parseArguments, toolContinuationMessages } from "./tool-calls";

describe("tool calls", () => {
  it("folds streamed deltas into whole calls", () => {
    let calls = mergeToolCallDeltas([], [{ index: 0, id: "call_1", name: "get_weather", arguments: "" }]);
    calls = mergeToolCallDeltas(calls, [{ index: 0, id: "call_1", arguments: '{"loc' }]);
    calls = mergeToolCallDeltas(calls, [
      { index: 0, id: "call_1", arguments: 'ation": "Paris"}' },
      { index: 1, id: "call_2", name: "get_time", arguments: "{}" },
    ]);
    expect(calls).toEqual([
      { index: 0, id: "call_1", name: "get_weather", arguments: '{"location": "Paris"}' },
      { index: 1, id: "call_2", name: "get_time", arguments: "{}" },
    ]);
    expect(parseArguments(calls[0]?.arguments ?? "").value).toEqual({ location: "Paris" });
  });

  it("answers with the assistant's calls then one tool message per call, in Parea's encoding", () => {
    const messages = toolContinuationMessages(
      [{ index: 0, id: "call_1", name: "get_weather", arguments: '{"location":"Paris"}' }],
      { call_1: "22 degrees" },
    );
    expect(messages).toHaveLength(2);
    expect(messages[0]?.role).toBe("assistant");
    expect(JSON.parse(messages[0]?.content ?? "")).toEqual([
      { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"location":"Paris"}' } },
    ]);
    expect(messages[1]).toEqual({
      role: "tool",
      content: JSON.stringify({ tool_call_id: "call_1", content: "22 degrees" }),
    });
  });
});
