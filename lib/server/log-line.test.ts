import { describe, expect, it } from "vitest";
import { escapeLogLine } from "./log-line";

describe("escapeLogLine", () => {
  it("keeps printable ASCII as it is", () => {
    expect(escapeLogLine("[run] 3f0c openai/gpt-4o-mini success ttft=0.1s")).toBe(
      "[run] 3f0c openai/gpt-4o-mini success ttft=0.1s",
    );
  });

  it("escapes CR/LF, so caller data cannot start a forged line", () => {
    const line = escapeLogLine("[run] x\r\n[run] admin openai/gpt-4o success");
    expect(line.split(/\r|\n/)).toHaveLength(1);
    expect(line).toBe("[run] x\\u000d\\u000a[run] admin openai/gpt-4o success");
  });

  it("escapes control, bidi and other non-ASCII characters", () => {
    expect(escapeLogLine("a\u0000b\u001bc\u202ed\u00e9")).toBe("a\\u0000b\\u001bc\\u202ed\\u00e9");
  });
});
