/**
 * Parea's stream wire format (shared/PAREA-API.md). Parea's Python SDK reads one event per HTTP chunk: it takes the
 * first `data:` line, deletes every `data: ` in it, then `json.loads(rest)["chunk"]`. Hence:
 * - one event per write (the writer merges pending deltas instead of writing two events at once);
 * - JSON is ASCII-escaped, so a multi-byte character is never split across chunks by a proxy re-chunking bytes;
 * - `data: ` inside text gets its colon escaped (`data\u003a `), or the SDK would delete it from the text.
 */

const NON_ASCII = /[\u007f-\uffff]/g;
const DATA_PREFIX = /data: /g;
const NEEDS_ESCAPE = /[\u007f-\uffff]/;

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** JSON.stringify, ASCII-only (Python's json.dumps default) and safe against Parea's `data: ` stripping. */
export function asciiJson(value: unknown): string {
  let json = JSON.stringify(value);
  // Astral characters are two UTF-16 units; each is escaped on its own, which is how JSON spells them.
  if (NEEDS_ESCAPE.test(json)) json = json.replace(NON_ASCII, escapeCharacter);
  if (json.includes("data: ")) json = json.replace(DATA_PREFIX, "data\\u003a ");
  return json;
}

export function encodeStartEvent(traceId: string): string {
  return `data: ID_START${traceId}\r\n\r\n`;
}

export function encodeEvent(event: { chunk: string } & Record<string, unknown>): string {
  return `data: ${asciiJson(event)}\r\n\r\n`;
}

export const SSE_HEADERS: Record<string, string> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
};
