import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiJson, encodeEvent, encodeStartEvent, SSE_HEADERS } from "./parea-sse";

/**
 * Parea's Python SDK reading one HTTP chunk (shared/PAREA-API.md, "Stream wire format"), ported line for line:
 * decode UTF-8 (fatal: Python's .decode() raises on a split character), split on "\r\n", take the first line that
 * starts with "data:", delete every "data: " in it, "" for ID_START, else json.loads(rest)["chunk"].
 */
function pareaSdkReadChunk(chunk: Uint8Array): string | undefined {
  const text = new TextDecoder("utf-8", { fatal: true }).decode(chunk);
  const line = text.split("\r\n").find((candidate) => candidate.startsWith("data:"));
  if (line === undefined) return undefined;
  const rest = line.split("data: ").join("");
  if (rest.startsWith("ID_START")) return "";
  return (JSON.parse(rest) as { chunk: string }).chunk;
}

const TRICKY_TEXTS = [
  "Hello",
  " world",
  "café é",
  "日本語のテキスト",
  "party 🎉 time 👩‍👩‍👧",
  "data: looks like a field",
  "two data: data: prefixes, and data:no-space",
  "line one\r\nline two\nline three\r",
  "\r\n\r\n",
  'quotes " and \\ backslash',
  "ID_START is just text here",
  "tab\tand\u0000nul and \u007f del",
  "\u2028 line separator \u2029",
  '{"chunk": "not me"}',
  "",
];

const encoder = new TextEncoder();

describe("encodeStartEvent", () => {
  it("carries the trace id after ID_START, terminated by a blank line", () => {
    expect(encodeStartEvent("7d0e9c1a-5b2f-4c1e-9f6a-0d3b2a1c4e5f")).toBe(
      "data: ID_START7d0e9c1a-5b2f-4c1e-9f6a-0d3b2a1c4e5f\r\n\r\n",
    );
    expect(encodeStartEvent("abc")).toBe("data: ID_STARTabc\r\n\r\n");
  });
});

describe("encodeEvent", () => {
  it("writes one data line of JSON and a blank line", () => {
    expect(encodeEvent({ chunk: "Hello" })).toBe('data: {"chunk":"Hello"}\r\n\r\n');
  });

  it("escapes non-ASCII as \\uXXXX, astral characters as surrogate pairs", () => {
    expect(encodeEvent({ chunk: "é" })).toBe('data: {"chunk":"\\u00e9"}\r\n\r\n');
    expect(encodeEvent({ chunk: "日本語" })).toBe('data: {"chunk":"\\u65e5\\u672c\\u8a9e"}\r\n\r\n');
    expect(encodeEvent({ chunk: "🎉" })).toBe('data: {"chunk":"\\ud83c\\udf89"}\r\n\r\n');
  });

  it("escapes the colon of every `data: ` inside text", () => {
    expect(encodeEvent({ chunk: "a data: b data: c" })).toBe('data: {"chunk":"a data\\u003a b data\\u003a c"}\r\n\r\n');
    // `data:` without the space is not what the SDK deletes; it is left alone.
    expect(encodeEvent({ chunk: "data:x" })).toBe('data: {"chunk":"data:x"}\r\n\r\n');
  });

  it("keeps CR and LF in text escaped, so the event stays one line", () => {
    const encoded = encodeEvent({ chunk: "a\r\nb\nc" });
    expect(encoded).toBe('data: {"chunk":"a\\r\\nb\\nc"}\r\n\r\n');
    expect(encoded.slice(0, -4)).not.toMatch(/[\r\n]/);
  });

  it("keeps extra keys, escaped the same way", () => {
    expect(encodeEvent({ chunk: "", error: { message: "ñ data: x" } })).toBe(
      'data: {"chunk":"","error":{"message":"\\u00f1 data\\u003a x"}}\r\n\r\n',
    );
  });

  it.each(TRICKY_TEXTS)("round-trips %j through JSON.parse", (text) => {
    const encoded = encodeEvent({ chunk: text, extra: [text] });
    expect(encoded.startsWith("data: ")).toBe(true);
    expect(encoded.endsWith("\r\n\r\n")).toBe(true);
    // Printable ASCII only: a proxy that re-chunks bytes can never split a character.
    expect(encoded.slice(0, -4)).toMatch(/^[ -~]*$/);
    const json = JSON.parse(encoded.slice("data: ".length, -4));
    expect(json).toEqual({ chunk: text, extra: [text] });
  });

  it("round-trips any string, ASCII-only (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const json = asciiJson({ chunk: text });
        expect(json).toMatch(/^[ -~]*$/);
        expect(json).not.toContain("data: ");
        expect(JSON.parse(json)).toEqual({ chunk: text });
      }),
    );
  });
});

describe("what Parea's Python SDK reads from our stream", () => {
  it("reads the start event as an empty chunk", () => {
    expect(pareaSdkReadChunk(encoder.encode(encodeStartEvent("0f8e-trace")))).toBe("");
  });

  it("reads every tricky text back exactly, one event per chunk, and they concatenate to the whole", () => {
    const chunks = [encodeStartEvent("trace"), ...TRICKY_TEXTS.map((text) => encodeEvent({ chunk: text }))];
    const read = chunks.map((chunk) => pareaSdkReadChunk(encoder.encode(chunk)));
    expect(read).toEqual(["", ...TRICKY_TEXTS]);
    expect(read.join("")).toBe(TRICKY_TEXTS.join(""));
  });

  it("reads extra keys' events as their chunk (the SDK ignores the rest)", () => {
    const event = encodeEvent({ chunk: "[{", tool_calls: [{ index: 0, arguments: "data: 🎉" }], done: false });
    expect(pareaSdkReadChunk(encoder.encode(event))).toBe("[{");
  });

  it("reads any text sent in arbitrary pieces back exactly (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 8 }), (pieces) => {
        const read = pieces.map((piece) => pareaSdkReadChunk(encoder.encode(encodeEvent({ chunk: piece }))));
        expect(read).toEqual(pieces);
      }),
    );
  });

  it("would lose text without the `data: ` escape (the check can fail)", () => {
    const unescaped = `data: ${JSON.stringify({ chunk: "x data: y" })}\r\n\r\n`;
    expect(pareaSdkReadChunk(encoder.encode(unescaped))).toBe("x y");
  });
});

describe("SSE_HEADERS", () => {
  it("names the event-stream type and turns off caching and proxy buffering", () => {
    expect(SSE_HEADERS["Content-Type"]).toBe("text/event-stream; charset=utf-8");
    expect(SSE_HEADERS["Cache-Control"]).toBe("no-cache, no-transform");
    expect(SSE_HEADERS["X-Accel-Buffering"]).toBe("no");
  });
});
