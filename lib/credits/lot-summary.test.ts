import { describe, expect, it } from "vitest";
import type { LotView } from "./lots";
import { summarizeLots } from "./lot-summary";

const now = new Date("2026-06-01T00:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString();

function lot(kind: LotView["kind"], remaining: number, expiresInDays: number): LotView {
  return {
    id: Math.floor(Math.random() * 1e9),
    kind,
    source: "purchase",
    paymentId: "pay-1",
    granted: remaining + 10,
    remaining,
    grantedAt: days(-1),
    expiresAt: days(expiresInDays),
  };
}

describe("the account page's summary of open credit lots", () => {
  it("splits the balance into paid and bonus credits", () => {
    const summary = summarizeLots([lot("bonus", 50, 365), lot("paid", 490, 1825), lot("paid", 100, 1800)], now);
    expect(summary).toEqual({ paid: 590, bonus: 50, expiringSoon: null });
  });

  it("counts the credits expiring within 30 days and names the soonest expiry", () => {
    const summary = summarizeLots([lot("bonus", 20, 3), lot("paid", 300, 30), lot("bonus", 70, 31)], now);
    expect(summary.expiringSoon).toEqual({ credits: 320, firstExpiresAt: days(3), lots: 2 });
  });

  it("finds the soonest expiry whatever order the lots come in", () => {
    const summary = summarizeLots([lot("paid", 5, 20), lot("bonus", 7, 2)], now);
    expect(summary.expiringSoon).toEqual({ credits: 12, firstExpiresAt: days(2), lots: 2 });
  });

  it("has nothing to say about no lots, as with a debt", () => {
    expect(summarizeLots([], now)).toEqual({ paid: 0, bonus: 0, expiringSoon: null });
  });
});
