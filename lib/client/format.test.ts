import { describe, expect, it } from "vitest";
import { formatCost, formatSeconds } from "./format";

describe("formats", () => {
  it("shows costs in dollars, with the digits a fraction of a cent needs", () => {
    expect(formatCost(0)).toBe("$0.00");
    expect(formatCost(1.5)).toBe("$1.50");
    expect(formatCost(0.0000042)).toBe("$0.0000042");
    expect(formatCost(0.00012345)).toBe("$0.00012");
  });

  it("shows short times in ms", () => {
    expect(formatSeconds(0.0421)).toBe("42 ms");
    expect(formatSeconds(1.234)).toBe("1.23 s");
  });
});
