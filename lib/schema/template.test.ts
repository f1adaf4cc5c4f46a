import { describe, expect, it } from "vitest";
import type { Message } from "./completion-request";
import { applyTemplate, templateVariables } from "./template";

describe("applyTemplate", () => {
  it("fills {{name}} in every message from the inputs", () => {
    const messages: Message[] = [
      { role: "system", content: "You answer about {{city}}." },
      { role: "user", content: "Weather in {{city}} on {{day}}?" },
      { role: "assistant", content: "no placeholders" },
    ];
    const { messages: filled, unknown } = applyTemplate(messages, { city: "New York", day: "Monday" });
    expect(filled.map((message) => message.content)).toEqual([
      "You answer about New York.",
      "Weather in New York on Monday?",
      "no placeholders",
    ]);
    expect(filled.map((message) => message.role)).toEqual(["system", "user", "assistant"]);
    expect(unknown).toEqual([]);
  });

  it("does not mutate its input and keeps other message keys", () => {
    const messages: Message[] = [{ role: "tool", content: "{{x}}", name: "lookup" } as Message];
    const { messages: filled } = applyTemplate(messages, { x: "1" });
    expect(filled[0]).toEqual({ role: "tool", content: "1", name: "lookup" });
    expect(messages[0]?.content).toBe("{{x}}");
  });

  it("stringifies non-string values: numbers, booleans, null, objects and arrays as JSON", () => {
    const { messages } = applyTemplate([{ role: "user", content: "{{n}}|{{f}}|{{b}}|{{z}}|{{o}}|{{a}}" }], {
      n: 42,
      f: 1.5,
      b: false,
      z: null,
      o: { city: "Paris", n: [1] },
      a: ["x", 2],
    });
    expect(messages[0]?.content).toBe('42|1.5|false|null|{"city":"Paris","n":[1]}|["x",2]');
  });

  it("inserts a value literally, even one with $ replacement patterns or braces", () => {
    const { messages, unknown } = applyTemplate([{ role: "user", content: "{{a}} {{b}}" }], {
      a: "$& $1 $$",
      b: "{{a}}",
    });
    expect(messages[0]?.content).toBe("$& $1 $$ {{a}}");
    expect(unknown).toEqual([]);
  });

  it("leaves unknown names as written and reports each once, in order", () => {
    const { messages, unknown } = applyTemplate(
      [
        { role: "user", content: "{{known}} {{missing}} {{other}}" },
        { role: "user", content: "{{missing}} again" },
      ],
      { known: "K" },
    );
    expect(messages.map((message) => message.content)).toEqual(["K {{missing}} {{other}}", "{{missing}} again"]);
    expect(unknown).toEqual(["missing", "other"]);
  });

  it("treats null or undefined inputs as no inputs", () => {
    expect(applyTemplate([{ role: "user", content: "{{a}}" }], null)).toEqual({
      messages: [{ role: "user", content: "{{a}}" }],
      unknown: ["a"],
    });
    expect(applyTemplate([{ role: "user", content: "{{a}}" }], undefined).unknown).toEqual(["a"]);
  });

  it("does not read inherited properties as inputs", () => {
    const { messages, unknown } = applyTemplate([{ role: "user", content: "{{toString}}" }], {});
    expect(messages[0]?.content).toBe("{{toString}}");
    expect(unknown).toEqual(["toString"]);
  });

  it("does not touch {{ spaced }}, {single}, {{a-b}} or {{}}", () => {
    const content = "{{ city }} {city} {{a-b}} {{}} {{{city}}}";
    const { messages, unknown } = applyTemplate([{ role: "user", content }], { city: "X", "a-b": "Y" });
    expect(messages[0]?.content).toBe("{{ city }} {city} {{a-b}} {{}} {X}");
    expect(unknown).toEqual([]);
  });
});

describe("templateVariables", () => {
  it("lists names in order of first appearance, without duplicates", () => {
    expect(
      templateVariables([
        { content: "{{b}} {{a}} {{b}}" },
        { content: "none here {single} {{ spaced }}" },
        { content: "{{c}} {{a}} {{d_1}}" },
      ]),
    ).toEqual(["b", "a", "c", "d_1"]);
  });

  it("returns an empty list when there is nothing to fill", () => {
    expect(templateVariables([])).toEqual([]);
    expect(templateVariables([{ content: "plain" }])).toEqual([]);
  });
});
