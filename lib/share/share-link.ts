import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import type { z } from "zod";
import { checksum } from "./checksum";

/**
 * Share links carry their whole state in the URL fragment (`#r1=…`), which browsers never send to a server:
 * `<kind letter><version>=` then lz-string's URL-safe compression of `{"sum": <checksum of data>, "data": …}`.
 * Decoding checks, in order: a known kind and version, that it decompresses and parses, the checksum, then the
 * caller's zod schema. Any failure is a result with a reason (never a throw): the page shows it and opens defaults.
 */
export const SHARE_KINDS = { request: "r", comparison: "c" } as const;
export type ShareKind = keyof typeof SHARE_KINDS;

export const SHARE_VERSION = 1;

/** Above this many characters a URL gets cut or refused by some chat apps, mail clients and proxies. */
export const LONG_URL_CHARS = 8 * 1024;

export type ShareFailure = "not-a-share-link" | "wrong-kind" | "newer-version" | "corrupt" | "invalid";

export type DecodedShare<T> = { ok: true; value: T } | { ok: false; reason: ShareFailure; message: string };

const FRAGMENT = /^#?([a-z])(\d{1,3})=(.*)$/s;

export function encodeShareFragment(kind: ShareKind, data: unknown): string {
  const json = JSON.stringify(data);
  const envelope = `{"sum":"${checksum(json)}","data":${json}}`;
  return `${SHARE_KINDS[kind]}${SHARE_VERSION}=${compressToEncodedURIComponent(envelope)}`;
}

/** True when the fragment looks like one of our links (of any kind or version), to tell a link from an anchor. */
export function isShareFragment(hash: string): boolean {
  return FRAGMENT.test(hash);
}

export function shareKindOf(hash: string): ShareKind | undefined {
  const letter = FRAGMENT.exec(hash)?.[1];
  return (Object.keys(SHARE_KINDS) as ShareKind[]).find((kind) => SHARE_KINDS[kind] === letter);
}

function fail<T>(reason: ShareFailure, message: string): DecodedShare<T> {
  return { ok: false, reason, message };
}

/**
 * Decodes `hash` (with or without `#`) as a link of `kind`. `schema` validates; `value` is the decoded data as sent
 * (not zod's output with defaults filled in), after `clean` (the allow-list) when given.
 */
export function decodeShareFragment<T>(
  hash: string,
  kind: ShareKind,
  schema: z.ZodType,
  clean: (value: unknown) => T = (value) => value as T,
): DecodedShare<T> {
  const match = FRAGMENT.exec(hash.trim());
  if (!match) return fail("not-a-share-link", "This is not a share link.");
  const [, letter, version, payload = ""] = match;
  if (letter !== SHARE_KINDS[kind]) {
    return fail("wrong-kind", `This link holds a ${shareKindOf(hash) ?? "different kind of"} share, not a ${kind}.`);
  }
  if (Number(version) > SHARE_VERSION) {
    return fail("newer-version", "This link was made by a newer version of the playground; update it to open it.");
  }
  if (Number(version) < 1) return fail("corrupt", "This link is damaged (unknown version).");
  let envelope: unknown;
  try {
    const text = decompressFromEncodedURIComponent(payload);
    envelope = text ? JSON.parse(text) : undefined;
  } catch {
    envelope = undefined;
  }
  const record = envelope as { sum?: unknown; data?: unknown } | undefined;
  if (typeof record !== "object" || record === null || typeof record.sum !== "string" || !("data" in record)) {
    return fail("corrupt", "This link is damaged: it may have been cut short or changed when it was copied.");
  }
  if (checksum(JSON.stringify(record.data)) !== record.sum) {
    return fail("corrupt", "This link is damaged: its contents do not match its checksum.");
  }
  const parsed = schema.safeParse(record.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return fail("invalid", `This link does not hold a valid ${kind} (${where}${issue?.message ?? "invalid"}).`);
  }
  return { ok: true, value: clean(record.data) };
}
