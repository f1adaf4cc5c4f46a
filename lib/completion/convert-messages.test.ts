import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/schema/completion-request";
import { convertMessages } from "./convert-messages";

const text = (value: string) => ({ type: "text", text: value });

describe("convertMessages", () => {
  it("maps system, user and assistant text turns", () => {
    expect(
      convertMessages([
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello!" },
      ]),
    ).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: [text("Hi")] },
      { role: "assistant", content: [text("Hello!")] },
    ]);
  });

  it("sends few-shot turns as user and assistant", () => {
    expect(
      convertMessages([
        { role: "example_user", content: "2+2?" },
        { role: "example_assistant", content: "4" },
      ]),
    ).toEqual([
      { role: "user", content: [text("2+2?")] },
      { role: "assistant", content: [text("4")] },
    ]);
  });

  it("keeps an example_assistant that looks like a call list as text", () => {
    const content = '[{"function":{"name":"f","arguments":"{}"}}]';
    expect(convertMessages([{ role: "example_assistant", content }])).toEqual([
      { role: "assistant", content: [text(content)] },
    ]);
  });

  it("turns Parea's call list into tool-call parts with generated ids", () => {
    const content = JSON.stringify([
      { function: { name: "get_weather", arguments: { city: "Paris" } } },
      { function: { name: "get_time", arguments: '{"zone":"CET"}' } },
    ]);
    expect(convertMessages([{ role: "assistant", content }])).toEqual([
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "call_0", toolName: "get_weather", input: { city: "Paris" } },
          { type: "tool-call", toolCallId: "call_1", toolName: "get_time", input: { zone: "CET" } },
        ],
      },
    ]);
  });

  it("keeps OpenAI's ids and reads arguments as a string or an object", () => {
    const content = JSON.stringify([
      { id: "call_abc", type: "function", function: { name: "a", arguments: '{"x":1}' } },
      { id: "call_def", type: "function", function: { name: "b", arguments: { y: [2] } } },
      { id: "", type: "function", function: { name: "c", arguments: "" } },
      { type: "function", function: { name: "d" } },
    ]);
    expect(convertMessages([{ role: "assistant", content }])).toEqual([
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "call_abc", toolName: "a", input: { x: 1 } },
          { type: "tool-call", toolCallId: "call_def", toolName: "b", input: { y: [2] } },
          { type: "tool-call", toolCallId: "call_0", toolName: "c", input: {} },
          { type: "tool-call", toolCallId: "call_1", toolName: "d", input: {} },
        ],
      },
    ]);
  });

  it("keeps generating fresh ids across assistant turns", () => {
    const call = JSON.stringify([{ function: { name: "f", arguments: {} } }]);
    const prompt = convertMessages([
      { role: "assistant", content: call },
      { role: "tool", content: "one" },
      { role: "assistant", content: call },
      { role: "tool", content: "two" },
    ]);
    expect(prompt.map((message) => (message.content[0] as { toolCallId?: string }).toolCallId)).toEqual([
      "call_0",
      "call_0",
      "call_1",
      "call_1",
    ]);
  });

  it("keeps an assistant list that is not a call list as text", () => {
    for (const content of ["[]", "[1, 2]", '[{"name":"f"}]', "[not json"]) {
      expect(convertMessages([{ role: "assistant", content }])).toEqual([
        { role: "assistant", content: [text(content)] },
      ]);
    }
  });

  it("matches a {tool_call_id, content} result to its call's tool name", () => {
    const prompt = convertMessages([
      {
        role: "assistant",
        content: JSON.stringify([
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: "{}" } },
          { id: "call_2", type: "function", function: { name: "get_time", arguments: "{}" } },
        ]),
      },
      { role: "tool", content: JSON.stringify({ tool_call_id: "call_2", content: "12:00" }) },
      { role: "tool", content: JSON.stringify({ tool_call_id: "call_1", content: { temp: 21 } }) },
    ]);
    expect(prompt.slice(1)).toEqual([
      {
        role: "tool",
        content: [
          { type: "tool-result", toolCallId: "call_2", toolName: "get_time", output: { type: "text", value: "12:00" } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_1",
            toolName: "get_weather",
            output: { type: "text", value: '{"temp":21}' },
          },
        ],
      },
    ]);
  });

  it("attaches a plain-text tool message to the pending call, in order", () => {
    const prompt = convertMessages([
      {
        role: "assistant",
        content: JSON.stringify([
          { function: { name: "first", arguments: {} } },
          { function: { name: "second", arguments: {} } },
        ]),
      },
      { role: "tool", content: "result one" },
      { role: "function", content: "result two" },
    ]);
    expect(prompt.slice(1)).toEqual([
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_0",
            toolName: "first",
            output: { type: "text", value: "result one" },
          },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_1",
            toolName: "second",
            output: { type: "text", value: "result two" },
          },
        ],
      },
    ]);
  });

  it("attaches a named function result to the call of that name", () => {
    const prompt = convertMessages([
      {
        role: "assistant",
        content: JSON.stringify([
          { function: { name: "first", arguments: {} } },
          { function: { name: "second", arguments: {} } },
        ]),
      },
      { role: "function", content: "for second", name: "second" } as Message,
    ]);
    expect(prompt[1]).toEqual({
      role: "tool",
      content: [
        {
          type: "tool-result",
          toolCallId: "call_1",
          toolName: "second",
          output: { type: "text", value: "for second" },
        },
      ],
    });
  });

  it("tells an orphan tool result as user text", () => {
    expect(
      convertMessages([
        { role: "user", content: "Hi" },
        { role: "tool", content: "42 degrees" },
      ]),
    ).toEqual([
      { role: "user", content: [text("Hi")] },
      { role: "user", content: [text("42 degrees")] },
    ]);
  });

  it("keeps a result whose tool_call_id matches no pending call as a tool turn with that id", () => {
    expect(
      convertMessages([{ role: "tool", content: JSON.stringify({ tool_call_id: "call_x", content: "ok" }) }]),
    ).toEqual([
      {
        role: "tool",
        content: [
          { type: "tool-result", toolCallId: "call_x", toolName: "tool", output: { type: "text", value: "ok" } },
        ],
      },
    ]);
  });

  it("turns a multi-part user list into text and image parts (data URL and http URL)", () => {
    const content = JSON.stringify([
      { type: "text", text: "What is in these?" },
      { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/4AAQ" } },
      { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
      { type: "image_url", image_url: "https://example.com/dog.png" },
    ]);
    const prompt = convertMessages([{ role: "user", content }]);
    expect(prompt).toEqual([
      {
        role: "user",
        content: [
          text("What is in these?"),
          { type: "file", mediaType: "image/jpeg", data: { type: "data", data: "/9j/4AAQ" } },
          { type: "file", mediaType: "image/*", data: { type: "url", url: new URL("https://example.com/cat.png") } },
          { type: "file", mediaType: "image/*", data: { type: "url", url: new URL("https://example.com/dog.png") } },
        ],
      },
    ]);
    const url = (prompt[0]?.content[2] as { data: { url: URL } } | undefined)?.data.url;
    expect(url).toBeInstanceOf(URL);
    expect(url?.href).toBe("https://example.com/cat.png");
  });

  it("keeps a list whose image_url is not a URL as text instead of throwing", () => {
    const content = JSON.stringify([
      { type: "text", text: "see" },
      { type: "image_url", image_url: { url: "cat.png" } },
    ]);
    expect(convertMessages([{ role: "user", content }])).toEqual([{ role: "user", content: [text(content)] }]);
  });

  it("keeps a user message that is a JSON list of numbers, or of unknown parts, as text", () => {
    for (const content of ["[1, 2, 3]", "[]", '[{"type":"audio","data":"x"}]', '{"a":1}', '["a"]']) {
      expect(convertMessages([{ role: "user", content }])).toEqual([{ role: "user", content: [text(content)] }]);
    }
  });
});
