/**
 * Client side of Parea's stream: splits the byte stream into events (`\r\n\r\n` or `\n\n`), returns the trace id of
 * `ID_START` and the parsed JSON of every other event. Works on any chunking, unlike Parea's SDK which needs one
 * event per chunk; the browser playground and the tests use it.
 */

export type PareaStreamEvent =
  | { type: "start"; traceId: string }
  | { type: "event"; data: { chunk: string } & Record<string, unknown> };

export class PareaStreamParser {
  private buffer = "";
  private readonly decoder = new TextDecoder();

  push(bytes: Uint8Array | string): PareaStreamEvent[] {
    this.buffer += typeof bytes === "string" ? bytes : this.decoder.decode(bytes, { stream: true });
    const events: PareaStreamEvent[] = [];
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.buffer);
      if (!match) break;
      const block = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = parseBlock(block);
      if (event) events.push(event);
    }
    return events;
  }
}

function parseBlock(block: string): PareaStreamEvent | undefined {
  const data = block
    .split(/\r?\n/)
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(line.startsWith("data: ") ? 6 : 5))
    .join("\n");
  if (data === "") return undefined;
  if (data.startsWith("ID_START")) return { type: "start", traceId: data.slice("ID_START".length) };
  return { type: "event", data: JSON.parse(data) };
}

/** Reads a whole Parea stream response body into its events. */
export async function* readPareaStream(body: ReadableStream<Uint8Array>): AsyncGenerator<PareaStreamEvent> {
  const parser = new PareaStreamParser();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(value);
    }
  } finally {
    reader.releaseLock();
  }
}
