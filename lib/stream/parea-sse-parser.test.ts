import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeEvent, encodeStartEvent } from "./parea-sse";
import { type PareaStreamEvent, PareaStreamParser, readPareaStream } from "./parea-sse-parser";

const encoder = new TextEncoder();

/** Cuts `bytes` at the given offsets (any order, duplicates allowed). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

function parseAll(pieces: readonly (Uint8Array | string)[]): PareaStreamEvent[] {
  const parser = new PareaStreamParser();
  return pieces.flatMap((piece) => parser.push(piece));
}

function chunksOf(events: PareaStreamEvent[]): string[] {
  return events.flatMap((event) => (event.type === "event" ? [event.data.chunk] : []));
}

describe("PareaStreamParser", () => {
  it("parses a start event and data events", () => {
    const stream = encodeStartEvent("trace-1") + encodeEvent({ chunk: "Hi" }) + encodeEvent({ chunk: "!", done: true });
    expect(parseAll([stream])).toEqual([
      { type: "start", traceId: "trace-1" },
      { type: "event", data: { chunk: "Hi" } },
      { type: "event", data: { chunk: "!", done: true } },
    ]);
  });

  it("accepts LF-only framing and `data:` without a space", () => {
    expect(parseAll(['data:{"chunk":"a"}\n\ndata: {"chunk":"b"}\n\n'])).toEqual([
      { type: "event", data: { chunk: "a" } },
      { type: "event", data: { chunk: "b" } },
    ]);
  });

  it("ignores comment-only blocks and keeps an unterminated event until its blank line arrives", () => {
    const parser = new PareaStreamParser();
    expect(parser.push(': ping\r\n\r\ndata: {"chunk":"x"}\r\n')).toEqual([]);
    expect(parser.push("\r\n")).toEqual([{ type: "event", data: { chunk: "x" } }]);
  });

  it("joins multi-line data with newlines, as SSE does", () => {
    expect(parseAll(['data: {"chunk":\ndata: "a"}\n\n'])).toEqual([{ type: "event", data: { chunk: "a" } }]);
  });

  it("parses raw (unescaped) UTF-8 split inside a multi-byte character", () => {
    const bytes = encoder.encode('data: {"chunk":"é🎉"}\r\n\r\n');
    const at = bytes.indexOf(0xf0) + 2; // in the middle of the emoji's four bytes
    expect(parseAll([bytes.subarray(0, at), bytes.subarray(at)])).toEqual([{ type: "event", data: { chunk: "é🎉" } }]);
  });

  it("parses our encoded stream identically under any byte split (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (traceId, texts, cuts) => {
          const whole =
            encodeStartEvent(traceId.replace(/[\r\n]/g, "")) +
            texts.map((text) => encodeEvent({ chunk: text })).join("");
          const expected = parseAll([whole]);
          expect(expected).toHaveLength(texts.length + 1);
          expect(chunksOf(expected)).toEqual(texts);
          expect(parseAll(split(encoder.encode(whole), cuts))).toEqual(expected);
        },
      ),
    );
  });

  it("parses raw UTF-8 events identically under any byte split, including inside characters (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (texts, cuts) => {
          // JSON.stringify keeps non-ASCII raw, so multi-byte characters do reach the parser's decoder.
          const whole = texts.map((text) => `data: ${JSON.stringify({ chunk: text })}\r\n\r\n`).join("");
          const bytes = encoder.encode(whole);
          expect(chunksOf(parseAll(split(bytes, cuts)))).toEqual(texts);
          // One byte at a time is the hardest split of all.
          expect(chunksOf(parseAll(split(bytes, [...bytes.keys()])))).toEqual(texts);
        },
      ),
    );
  });
});

describe("readPareaStream", () => {
  it("reads a response body's events across chunk boundaries", async () => {
    const bytes = encoder.encode(encodeStartEvent("t") + encodeEvent({ chunk: "日本" }) + encodeEvent({ chunk: "語" }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of split(bytes, [3, 17, 18, 40])) controller.enqueue(piece);
        controller.close();
      },
    });
    const events: PareaStreamEvent[] = [];
    for await (const event of readPareaStream(body)) events.push(event);
    expect(events).toEqual([
      { type: "start", traceId: "t" },
      { type: "event", data: { chunk: "日本" } },
      { type: "event", data: { chunk: "語" } },
    ]);
  });
});
