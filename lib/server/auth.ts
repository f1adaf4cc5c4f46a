import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Operator API keys: PLAYGROUND_API_KEYS="key1,key2". When set, every API route wants one of them in `x-api-key`
 * (what Parea's SDKs send) or `x-user-id` (what Parea's reference page names). When unset the app is open, for local use.
 */
function configuredKeys(): Buffer[] {
  const raw = process.env.PLAYGROUND_API_KEYS ?? "";
  return raw
    .split(",")
    .map((key) => key.trim())
    .filter(Boolean)
    .map((key) => createHash("sha256").update(key).digest());
}

export function authRequired(): boolean {
  return configuredKeys().length > 0;
}

export interface Identity {
  /** A stable, non-secret id of the caller (a hash of the credential), or "anonymous" in open mode. */
  id: string;
}

export function authenticate(headers: Headers): Identity | undefined {
  const credential = headers.get("x-api-key") ?? headers.get("x-user-id") ?? "";
  const keys = configuredKeys();
  if (keys.length === 0) {
    return { id: credential ? createHash("sha256").update(credential).digest("hex").slice(0, 16) : "anonymous" };
  }
  if (!credential) return undefined;
  const digest = createHash("sha256").update(credential).digest();
  // Compare digests in constant time so the comparison leaks nothing about the configured keys.
  const match = keys.some((key) => timingSafeEqual(key, digest));
  return match ? { id: digest.toString("hex").slice(0, 16) } : undefined;
}

/**
 * Whose logs a caller may read: with PLAYGROUND_API_KEYS set, only their own (one tenant per key), unless the
 * operator shares them (SHARED_LOGS=1, one team). Open mode is one tenant: the browser, curl and Parea's SDK with
 * any PAREA_API_KEY all see the same logs. Undefined = every log.
 */
export function logScope(identity: Identity): string | undefined {
  if (!authRequired() || /^(1|true|yes)$/i.test(process.env.SHARED_LOGS?.trim() ?? "")) return undefined;
  return identity.id;
}
