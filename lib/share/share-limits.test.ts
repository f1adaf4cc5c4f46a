import { afterEach, describe, expect, it, vi } from "vitest";
import { CompletionError } from "@/lib/completion/errors";
import { checkShareLimits, shareLimits } from "./share-limits";

const now = Date.parse("2026-01-01T00:01:00.000Z");
const usage = { count: 0, bytes: 0, recent: 0, oldestRecent: null };
const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return error as CompletionError;
  }
  throw new Error("not refused");
};

describe("share limits", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults: 30 days, 20 MiB and 500 snapshots per caller, 30 a minute", () => {
    expect(shareLimits()).toEqual({
      ttlMs: 30 * 86_400_000,
      quotaBytes: 20 * 1024 * 1024,
      quotaCount: 500,
      ratePerMinute: 30,
    });
  });

  it("refuses past the rate with a 429 and the seconds until the oldest recent one leaves the window", () => {
    vi.stubEnv("SHARE_RATE_PER_MINUTE", "2");
    expect(() => checkShareLimits({ ...usage, recent: 1 }, 10, now)).not.toThrow();
    const error = refusal(() =>
      checkShareLimits({ ...usage, recent: 2, oldestRecent: "2026-01-01T00:00:30.000Z" }, 10, now),
    );
    expect(error).toBeInstanceOf(CompletionError);
    expect(error.status).toBe(429);
    expect(error.extra.retryAfter).toBe("30");
    expect(error.message).toContain("SHARE_RATE_PER_MINUTE");
  });

  it("refuses past the count or the byte quota with a 413 naming the setting", () => {
    vi.stubEnv("SHARE_QUOTA_COUNT", "3");
    vi.stubEnv("SHARE_QUOTA_BYTES", "1000");
    const count = refusal(() => checkShareLimits({ ...usage, count: 3 }, 10, now));
    expect([count.status, count.type]).toEqual([413, "quota_exceeded"]);
    expect(count.message).toContain("SHARE_QUOTA_COUNT");
    const bytes = refusal(() => checkShareLimits({ ...usage, count: 1, bytes: 900 }, 200, now));
    expect(bytes.status).toBe(413);
    expect(bytes.message).toContain("SHARE_QUOTA_BYTES");
    expect(() => checkShareLimits({ ...usage, count: 1, bytes: 800 }, 200, now)).not.toThrow();
  });

  it("ignores a setting that is not a positive number", () => {
    vi.stubEnv("SHARE_TTL_DAYS", "-1");
    vi.stubEnv("SHARE_RATE_PER_MINUTE", "lots");
    expect(shareLimits().ttlMs).toBe(30 * 86_400_000);
    expect(shareLimits().ratePerMinute).toBe(30);
  });
});
