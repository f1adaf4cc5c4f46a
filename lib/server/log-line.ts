/**
 * Server log lines interpolate caller data (trace ids, model names, error messages that quote a provider). Anything
 * outside printable ASCII is written as a \uXXXX escape, so a CR/LF in that data cannot forge a second log line and
 * control or bidi characters cannot disguise one.
 *
 * Pure (no "server-only"), so the pipeline's unit tests can load it.
 */
export function escapeLogLine(line: string): string {
  return line.replace(/[^\x20-\x7e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function logInfo(line: string): void {
  console.log(escapeLogLine(line));
}

export function logError(line: string): void {
  console.error(escapeLogLine(line));
}
