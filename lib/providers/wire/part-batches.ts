import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { SseEventSplitter } from "./sse-events";

/** What the pipeline reads: the provider's stream parts, a batch per upstream read. */
export type PartBatches = AsyncIterator<LanguageModelV4StreamPart[], undefined>;

/** Any AI SDK part stream as batches of one (the providers without a fast parser). */
export async function* batchesFromStream(
  stream: ReadableStream<LanguageModelV4StreamPart>,
): AsyncGenerator<LanguageModelV4StreamPart[], undefined> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return undefined;
      yield [value];
    }
  } finally {
    // Early exit (client gone, error part): cancel, so the upstream connection is released at once.
    await reader.cancel().catch(() => undefined);
  }
}

/** A protocol parser: SSE events in, stream parts out; `end` closes the stream (finish part, pending tool calls). */
export interface WireParser {
  event(event: string, data: string, parts: LanguageModelV4StreamPart[]): void;
  end(parts: LanguageModelV4StreamPart[]): void;
}

/** Reads a raw SSE body, one batch of parts per network read. */
export async function* batchesFromBody(
  body: ReadableStream<Uint8Array>,
  parser: WireParser,
  first: LanguageModelV4StreamPart[] = [],
): AsyncGenerator<LanguageModelV4StreamPart[], undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const splitter = new SseEventSplitter();
  if (first.length > 0) yield first;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const parts: LanguageModelV4StreamPart[] = [];
      if (done) {
        for (const sse of splitter.push(`${decoder.decode()}\n\n`)) parser.event(sse.event, sse.data, parts);
        parser.end(parts);
        if (parts.length > 0) yield parts;
        return undefined;
      }
      for (const sse of splitter.push(decoder.decode(value, { stream: true })))
        parser.event(sse.event, sse.data, parts);
      if (parts.length > 0) yield parts;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
