/** Small helpers shared by the OpenAI and Anthropic body mappings. */

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Collects what a mapping could not carry over, as paths a person can find in what they pasted. */
export class IgnoredFields {
  readonly paths: string[] = [];
  add(path: string) {
    if (!this.paths.includes(path)) this.paths.push(path);
  }
  /** Every key of `body` not in `handled` (and not in `implied`, which need no report). */
  rest(body: Json, handled: readonly string[], implied: readonly string[] = [], prefix = "") {
    for (const key of Object.keys(body)) {
      if (!handled.includes(key) && !implied.includes(key) && body[key] !== undefined) this.add(`${prefix}${key}`);
    }
  }
}

export function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Copies the defined entries: the request stays free of `undefined` members. */
export function compact<T extends Json>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** Tool arguments as the JSON text Parea's assistant tool-call turn carries. */
export function argumentsText(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value ?? {});
}
