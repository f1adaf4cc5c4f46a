/**
 * How deep a JSON text nests, found by one scan over its characters (no recursion, no parse), so a body of 200,000
 * nested brackets is refused before JSON.parse, the schema or any deep walk (zod, the cache key, the log writer)
 * can overflow the stack on it.
 */

export const MAX_JSON_DEPTH = 64;

interface Frame {
  array: boolean;
  /** In an array: the index of the current element. */
  index: number;
  /** In an object: the span of the current key in the text. */
  key: [number, number] | undefined;
}

function keyAt(text: string, span: [number, number] | undefined): string {
  if (!span) return "?";
  try {
    return JSON.parse(text.slice(span[0], span[1])) as string;
  } catch {
    return text.slice(span[0] + 1, span[1] - 1);
  }
}

/**
 * The path (FastAPI-style, without "body") to the first value nested deeper than `limit` containers, or undefined
 * when the text stays within it. Malformed text is scanned as far as it goes; JSON.parse reports what is wrong.
 */
export function findTooDeep(text: string, limit = MAX_JSON_DEPTH): (string | number)[] | undefined {
  const frames: Frame[] = [];
  let lastString: [number, number] | undefined;
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === 0x22 /* " */) {
      const start = position;
      for (position++; position < text.length; position++) {
        const inner = text.charCodeAt(position);
        if (inner === 0x5c /* \ */) position++;
        else if (inner === 0x22) break;
      }
      lastString = [start, position + 1];
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (frames.length >= limit) {
        return frames.map((frame) => (frame.array ? frame.index : keyAt(text, frame.key)));
      }
      frames.push({ array: code === 0x5b, index: 0, key: undefined });
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      frames.pop();
    } else if (code === 0x3a /* : */) {
      const frame = frames.at(-1);
      if (frame && !frame.array) frame.key = lastString;
    } else if (code === 0x2c /* , */) {
      const frame = frames.at(-1);
      if (frame?.array) frame.index++;
    }
  }
  return undefined;
}
