import { describe, expect, it } from "vitest";
import { formatCredits, formatDate, formatDateTime, formatKrw } from "./format";

describe("formatting for Korean readers", () => {
  it("writes won with the sign and thousands separators", () => {
    expect(formatKrw(5000)).toBe("₩5,000");
    expect(formatKrw(10_000)).toBe("₩10,000");
    expect(formatCredits(1200)).toBe("1,200");
  });

  it("writes times in Korea's time zone, on a 24-hour clock, whatever the machine's zone", () => {
    expect(formatDateTime("2026-11-27T05:16:00Z")).toBe("2026. 11. 27. 14:16");
    expect(formatDateTime(new Date("2026-12-31T15:30:00Z"))).toBe("2027. 1. 1. 00:30");
  });

  it("writes a day as the Korean calendar has it, past midnight in Seoul while still the day before in UTC", () => {
    expect(formatDate("2026-11-27T05:16:00Z")).toBe("2026. 11. 27.");
    expect(formatDate(new Date("2026-12-31T15:30:00Z"))).toBe("2027. 1. 1.");
  });
});
