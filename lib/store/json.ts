import { StoreInputError } from "./types";

/** JSON columns are TEXT in both dialects; these keep the parse/serialise edges in one place. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function toJsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Postgres returns count(*) (int8) as a string; SQLite as a number. */
export function toNumber(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Any time form the API accepts, as the ISO string the columns hold. */
export function toIsoTime(value: string | Date | number, field: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new StoreInputError(`${field}: not a valid time: ${String(value)}`);
  return date.toISOString();
}
