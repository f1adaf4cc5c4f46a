import { diffWords } from "diff";

/**
 * How a column's output differs from the baseline's: word by word for text (jsdiff's diffWords), path by path when
 * both are JSON (what a structured-output comparison wants: which fields were added, removed or changed).
 */

export interface WordChange {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/** Past this many edits the texts have little in common: a word diff would be noise and slow. */
const MAX_EDIT_LENGTH = 2_000;

export function wordDiff(baseline: string, other: string): WordChange[] | undefined {
  const changes = diffWords(baseline, other, { maxEditLength: MAX_EDIT_LENGTH });
  return changes?.map(({ value, added, removed }) => ({ value, added, removed }));
}

/** The JSON an output holds: the whole text, or a ```json fenced block. Only objects and lists count. */
export function parseJsonOutput(text: string): unknown {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n```\s*$/.exec(text);
  const candidate = (fenced?.[1] ?? text).trim();
  if (!candidate.startsWith("{") && !candidate.startsWith("[")) return undefined;
  try {
    const value = JSON.parse(candidate) as unknown;
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

export interface JsonChange {
  /** `$.items[2].name` */
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function jsonDiff(before: unknown, after: unknown, path = "$", changes: JsonChange[] = []): JsonChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index++) {
      const at = `${path}[${index}]`;
      if (index >= before.length) changes.push({ path: at, kind: "added", after: after[index] });
      else if (index >= after.length) changes.push({ path: at, kind: "removed", before: before[index] });
      else jsonDiff(before[index], after[index], at, changes);
    }
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const at = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (!(key in before)) changes.push({ path: at, kind: "added", after: after[key] });
      else if (!(key in after)) changes.push({ path: at, kind: "removed", before: before[key] });
      else jsonDiff(before[key], after[key], at, changes);
    }
    return changes;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ path, kind: "changed", before, after });
  return changes;
}

export type OutputDiff =
  | { kind: "json"; changes: JsonChange[] }
  | { kind: "words"; changes: WordChange[] }
  | { kind: "too-different" };

export function diffOutputs(baseline: string, other: string): OutputDiff {
  const before = parseJsonOutput(baseline);
  const after = before === undefined ? undefined : parseJsonOutput(other);
  if (before !== undefined && after !== undefined) return { kind: "json", changes: jsonDiff(before, after) };
  const words = wordDiff(baseline, other);
  return words ? { kind: "words", changes: words } : { kind: "too-different" };
}
