import { describe, expect, it } from "vitest";
import { canTransition, revocationsFor, statusFromPortOne, type PortOnePaymentSnapshot } from "./portone-payment";

const order = { amount: 5000, currency: "KRW", credits: 550 };

function snapshot(status: string, total = 5000, extra: Partial<PortOnePaymentSnapshot> = {}): PortOnePaymentSnapshot {
  return { id: "pay-1", status, amount: { total }, currency: "KRW", ...extra };
}

function cancellation(id: string, totalAmount: number, requestedAt: string) {
  return { id, status: "SUCCEEDED", totalAmount, requestedAt };
}

describe("statusFromPortOne", () => {
  it("is PAID only for exactly the ordered amount and currency", () => {
    expect(statusFromPortOne(snapshot("PAID"), order)).toBe("PAID");
    expect(statusFromPortOne(snapshot("PAID", 4999), order)).toBe("AMOUNT_MISMATCH");
    expect(statusFromPortOne({ ...snapshot("PAID"), currency: "USD" }, order)).toBe("AMOUNT_MISMATCH");
    expect(statusFromPortOne({ id: "pay-1", status: "PAID" }, order)).toBe("AMOUNT_MISMATCH");
  });

  it("changes nothing while PortOne is still waiting, or says something we do not know", () => {
    expect(statusFromPortOne(snapshot("READY"), order)).toBeUndefined();
    expect(statusFromPortOne(snapshot("PAY_PENDING"), order)).toBeUndefined();
    expect(statusFromPortOne(snapshot("SOMETHING_NEW"), order)).toBeUndefined();
  });
});

describe("canTransition", () => {
  it("never moves a payment backwards on a stale read", () => {
    expect(canTransition("PAID", "FAILED")).toBe(false);
    expect(canTransition("CANCELLED", "PAID")).toBe(false);
    expect(canTransition("AMOUNT_MISMATCH", "PAID")).toBe(false);
    expect(canTransition("PENDING", "PAID")).toBe(true);
    expect(canTransition("VIRTUAL_ACCOUNT_ISSUED", "PAID")).toBe(true);
    expect(canTransition("PAID", "PARTIAL_CANCELLED")).toBe(true);
  });
});

describe("revocationsFor", () => {
  it("takes back 220 of 550 credits for 2,000 of 5,000 cancelled, then the rest", () => {
    const first = snapshot("PARTIAL_CANCELLED", 5000, { cancellations: [cancellation("c1", 2000, "2026-01-01T00:00:00Z")] });
    expect(revocationsFor(first, order)).toEqual([{ cancellationId: "c1", credits: 220 }]);
    const both = snapshot("CANCELLED", 5000, {
      cancellations: [cancellation("c2", 3000, "2026-01-02T00:00:00Z"), cancellation("c1", 2000, "2026-01-01T00:00:00Z")],
    });
    expect(revocationsFor(both, order)).toEqual([
      { cancellationId: "c1", credits: 220 },
      { cancellationId: "c2", credits: 330 },
    ]);
  });

  it("rounds each step up and never takes back more than the pack", () => {
    const odd = { amount: 1000, currency: "KRW", credits: 100 };
    const s = snapshot("CANCELLED", 1000, {
      cancellations: [
        cancellation("a", 333, "2026-01-01T00:00:00Z"),
        cancellation("b", 333, "2026-01-02T00:00:00Z"),
        cancellation("c", 334, "2026-01-03T00:00:00Z"),
      ],
    });
    const credits = revocationsFor(s, odd).map((r) => r.credits);
    expect(credits).toEqual([34, 33, 33]);
    expect(credits.reduce((a, b) => a + b)).toBe(100);
  });

  it("a cancellation requested earlier but succeeding later never takes back more than the pack", () => {
    // c2 succeeded first and took 1 credit; c1, requested before it, succeeds afterwards.
    const later = snapshot("PARTIAL_CANCELLED", 5000, {
      cancellations: [cancellation("c1", 1, "2026-01-01T00:00:00Z"), cancellation("c2", 1, "2026-01-02T00:00:00Z")],
    });
    const firstTaken = { cancellationIds: new Set(["c2"]), credits: 1 };
    const c1 = revocationsFor(later, order, firstTaken);
    expect(c1).toEqual([{ cancellationId: "c1", credits: 0 }]);
    const all = snapshot("CANCELLED", 5000, {
      cancellations: [cancellation("c1", 1, "2026-01-01T00:00:00Z"), cancellation("c2", 1, "2026-01-02T00:00:00Z"), cancellation("c3", 4998, "2026-01-03T00:00:00Z")],
    });
    // c1's zero leaves no revoke row, so it is still new here.
    const rest = revocationsFor(all, order, firstTaken);
    expect(rest).toEqual([
      { cancellationId: "c1", credits: 0 },
      { cancellationId: "c3", credits: 549 },
    ]);
  });

  it("ignores cancellations that did not succeed", () => {
    const s = snapshot("PAID", 5000, { cancellations: [{ id: "x", status: "FAILED", totalAmount: 5000 }] });
    expect(revocationsFor(s, order)).toEqual([]);
  });
});
