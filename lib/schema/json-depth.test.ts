import { describe, expect, it } from "vitest";
import { findTooDeep, MAX_JSON_DEPTH } from "./json-depth";

const nested = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth);

describe("findTooDeep", () => {
  it("lets JSON within the limit through", () => {
    expect(findTooDeep(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(findTooDeep('{"a": [1, {"b": "[[[[[[[[[["}], "c": "}}}}"}', 3)).toBeUndefined();
    expect(findTooDeep('"plain"')).toBeUndefined();
  });

  it("finds 200,000 levels without recursion, and says where it went too deep", () => {
    expect(findTooDeep(nested(200_000))).toHaveLength(MAX_JSON_DEPTH);
    expect(findTooDeep(nested(MAX_JSON_DEPTH + 1))).toEqual(new Array(MAX_JSON_DEPTH).fill(0));
  });

  it("names object keys and array indexes on the path, escapes decoded", () => {
    const text = `{"llm_configuration": {"messages": [{"role": "user"}, {"content": ${nested(5)}}]}, "x\\"y": 1}`;
    expect(findTooDeep(text, 4)).toEqual(["llm_configuration", "messages", 1, "content"]);
    expect(findTooDeep('{"a\\"b": [[["deep"]]]}', 2)).toEqual(['a"b', 0]);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(findTooDeep(`["\\"${"[".repeat(100)}"]`)).toBeUndefined();
  });
});
