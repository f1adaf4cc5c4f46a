import { describe, expect, it } from "vitest";
import { apiParams, bucketFor, EMPTY_FILTERS, filtersFromParams, filtersToParams } from "./log-url-filters";

describe("the /logs URL filters", () => {
  it("round-trip through the query string, dropping empty and unknown values", () => {
    const state = filtersFromParams(new URLSearchParams("search=hi&status=maybe&range=2y&tags=a,b&other=x"));
    expect(state).toEqual({ ...EMPTY_FILTERS, search: "hi", tags: "a,b" });
    expect(filtersToParams(state).toString()).toBe("tags=a%2Cb&search=hi");
  });

  it("turn a range into `from` at one instant, and custom times into ISO", () => {
    const now = Date.parse("2026-01-02T03:00:00.000Z");
    const ranged = apiParams({ ...EMPTY_FILTERS, range: "1h", status: "error", to: "2030-01-01T00:00" }, now);
    expect(Object.fromEntries(ranged)).toEqual({ status: "error", from: "2026-01-02T02:00:00.000Z" });
    const custom = apiParams({ ...EMPTY_FILTERS, from: "2026-01-01T00:00:00Z", to: "nonsense" }, now);
    expect(Object.fromEntries(custom)).toEqual({ from: "2026-01-01T00:00:00.000Z" });
  });

  it("chart by the hour up to two days, by the day beyond", () => {
    expect(bucketFor({ ...EMPTY_FILTERS, range: "24h" })).toBe("hour");
    expect(bucketFor({ ...EMPTY_FILTERS, range: "7d" })).toBe("day");
    expect(bucketFor({ ...EMPTY_FILTERS, from: "2020-01-01T00:00:00Z", to: "2020-01-10T00:00:00Z" })).toBe("day");
    expect(bucketFor(EMPTY_FILTERS)).toBe("hour");
  });
});
