/**
 * FNV-1a (32 bit) of a string, as 8 hex digits. It catches a link that was cut short or garbled on its way (a chat
 * app wrapping it, a character lost when copying): it is not a signature, anyone can recompute it. What keeps a
 * hostile link harmless is the schema check and the allow-list on decode.
 */
export function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
