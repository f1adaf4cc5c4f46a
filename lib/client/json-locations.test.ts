import { describe, expect, it } from "vitest";
import { locateJsonPath } from "./json-locations";

const text = JSON.stringify(
  {
    llm_configuration: {
      messages: [
        { role: "user", content: "hi" },
        { role: "bad", content: "x" },
      ],
      model_params: { temp: 7 },
    },
  },
  null,
  2,
);

function slice(path: PropertyKey[]): string {
  const range = locateJsonPath(text, path);
  return range ? text.slice(range.start, range.end) : "";
}

describe("locateJsonPath", () => {
  it("finds a value with its property name", () => {
    expect(slice(["llm_configuration", "model_params", "temp"])).toBe('"temp": 7');
    expect(slice(["llm_configuration", "messages", 1, "role"])).toBe('"role": "bad"');
  });

  it("underlines the first line of an object or a list", () => {
    expect(slice(["llm_configuration", "messages", 1])).toBe("{");
    expect(slice(["llm_configuration", "messages"])).toBe('"messages": [');
  });

  it("falls back to the deepest member that exists", () => {
    expect(slice(["llm_configuration", "model_params", "missing"])).toBe('"model_params": {');
  });

  it("copes with strings holding braces and escaped quotes", () => {
    const tricky = '{"a": "}{\\"]", "b": [1, {"c": true}]}';
    const range = locateJsonPath(tricky, ["b", 1, "c"]);
    expect(range && tricky.slice(range.start, range.end)).toBe('"c": true');
  });
});
