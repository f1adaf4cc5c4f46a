import "server-only";
import { CompletionError } from "@/lib/completion/errors";
import { authRequired, type Identity } from "@/lib/server/auth";

/**
 * What one caller may keep in the store through short links, read from the environment on each call:
 * - SHARE_TTL_DAYS (30): a snapshot is gone after this (410, then purged); fractions of a day work;
 * - SHARE_QUOTA_BYTES (20 MiB) and SHARE_QUOTA_COUNT (500): live snapshots per caller (413 past either);
 * - SHARE_RATE_PER_MINUTE (30): new snapshots per caller per minute (429 with Retry-After).
 * The quota and the rate are counted in the store, so every instance on one PostgreSQL enforces the same numbers
 * (two posts racing can both pass the check: the bound is soft by at most the concurrency).
 */
function setting(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && process.env[name] !== "" && Number.isFinite(value) && value > 0
    ? value
    : fallback;
}

export const shareLimits = () => ({
  ttlMs: setting("SHARE_TTL_DAYS", 30) * 24 * 60 * 60 * 1000,
  quotaBytes: Math.floor(setting("SHARE_QUOTA_BYTES", 20 * 1024 * 1024)),
  quotaCount: Math.floor(setting("SHARE_QUOTA_COUNT", 500)),
  ratePerMinute: Math.floor(setting("SHARE_RATE_PER_MINUTE", 30)),
});

/**
 * The bucket a caller's snapshots count against: its identity when PLAYGROUND_API_KEYS is set; with auth off any
 * caller can name any identity (x-user-id) or forwarded address, so every caller shares one allowance.
 */
export function shareOwner(identity: Identity): string {
  return authRequired() ? `id:${identity.id}` : "open";
}

export interface UsageForLimits {
  count: number;
  bytes: number;
  recent: number;
  oldestRecent: string | null;
}

/** Throws the 429 or 413 a new snapshot of `size` bytes gets, given what its owner holds and created lately. */
export function checkShareLimits(usage: UsageForLimits, size: number, now: number): void {
  const limits = shareLimits();
  if (usage.recent >= limits.ratePerMinute) {
    const oldest = usage.oldestRecent ? Date.parse(usage.oldestRecent) : now;
    const retryAfter = Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
    throw new CompletionError(
      429,
      "rate_limited",
      `At most ${limits.ratePerMinute} snapshots per minute (SHARE_RATE_PER_MINUTE); retry in ${retryAfter} s.`,
      { retryAfter: String(retryAfter) },
    );
  }
  if (usage.count + 1 > limits.quotaCount) {
    throw new CompletionError(
      413,
      "quota_exceeded",
      `Snapshot quota reached: at most ${limits.quotaCount} live snapshots (SHARE_QUOTA_COUNT); old ones expire after ${limits.ttlMs / 86_400_000} days.`,
    );
  }
  if (usage.bytes + size > limits.quotaBytes) {
    throw new CompletionError(
      413,
      "quota_exceeded",
      `Snapshot quota reached: this one (${size} bytes) would take you past ${limits.quotaBytes} bytes of live snapshots (SHARE_QUOTA_BYTES; ${usage.bytes} in use).`,
    );
  }
}
