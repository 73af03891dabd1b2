import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/db/schema";
import { quoteRefund, type QuoteFacts } from "./refund-quote";

const paidAt = new Date("2026-11-01T09:00:00+09:00");
const day = (n: number) => new Date(paidAt.getTime() + n * 86_400_000);
const terms = { feePercent: 10 };

/**
 * The 550 pack (500 paid + 50 bonus, ₩5,000), paid at `paidAt`, with what is left of its lots; unless
 * said otherwise, every credit missing from them was used (nothing was taken from elsewhere).
 */
function pack550(
  unused: { paid: number; bonus: number },
  at: Date,
  extra: Partial<QuoteFacts["payment"]> & { refundPending?: boolean; used?: number } = {},
) {
  const { refundPending = false, used = 550 - unused.paid - unused.bonus, ...payment } = extra;
  const facts: QuoteFacts = {
    payment: {
      status: "PAID" as PaymentStatus,
      amount: 5000,
      cancelledAmount: 0,
      paidCredits: 500,
      bonusCredits: 50,
      paidAt,
      creditedAt: paidAt,
      ...payment,
    },
    unused,
    used,
    refundPending,
    now: at,
  };
  return quoteRefund(facts, terms);
}

describe("quoteRefund: the contract's table of cases", () => {
  it.each([
    // when, unused paid, unused bonus → rule, KRW, paid taken, bonus voided, fee
    ["day 6, untouched", 6, 500, 50, "WITHDRAWAL_7_DAYS", 5000, 500, 50, 0],
    ["day 6, bonus partly used (30)", 6, 500, 20, "WITHDRAWAL_7_DAYS", 4700, 500, 20, 0],
    ["day 6, exactly the bonus used (5 chat messages)", 6, 500, 0, "WITHDRAWAL_7_DAYS", 4500, 500, 0, 0],
    ["day 6, all bonus and 10 paid used (6 chat messages)", 6, 490, 0, "WITHDRAWAL_7_DAYS", 4400, 490, 0, 0],
    ["day 8, untouched", 8, 500, 50, "UNUSED_PAID_CREDITS", 4500, 500, 50, 500],
    ["day 8, 6 chat messages", 8, 490, 0, "UNUSED_PAID_CREDITS", 3960, 490, 0, 440],
    ["day 8, bonus partly used (45)", 8, 500, 5, "UNUSED_PAID_CREDITS", 4095, 500, 5, 455],
    ["day 365, 100 paid credits left", 365, 100, 0, "UNUSED_PAID_CREDITS", 450, 100, 0, 50],
  ] as const)("%s", (_, days, paid, bonus, rule, amount, paidCredits, bonusCredits, fee) => {
    expect(pack550({ paid, bonus }, day(days))).toEqual({ refundable: true, rule, amount, paidCredits, bonusCredits, fee });
  });

  it("credits held by an answer still being written count as used, like spent ones", () => {
    // 20 answers under way hold the 50 bonus and 150 paid credits.
    expect(pack550({ paid: 350, bonus: 0 }, day(1))).toMatchObject({ amount: 3000, paidCredits: 350, bonusCredits: 0 });
  });

  it("credits an earlier cancellation took from the customer's other credits count as used too", () => {
    // ₩2,000 cancelled in PortOne's console took 220 credits: 120 from this pack's lots, 100 from elsewhere.
    const quote = pack550({ paid: 430, bonus: 0 }, day(2), { status: "PARTIAL_CANCELLED", cancelledAmount: 2000, used: 220 });
    expect(quote).toMatchObject({ rule: "WITHDRAWAL_7_DAYS", amount: 2800, paidCredits: 430 });
  });

  it("the withdrawal period is exactly 7 days from payment, to the millisecond", () => {
    expect(pack550({ paid: 490, bonus: 0 }, day(7)).rule).toBe("WITHDRAWAL_7_DAYS");
    expect(pack550({ paid: 490, bonus: 0 }, new Date(day(7).getTime() + 1)).rule).toBe("UNUSED_PAID_CREDITS");
  });

  it.each([
    ["all paid credits used, bonus left", 3, { paid: 0, bonus: 50 }, {}, "환불할 금액이 없습니다"],
    ["all credits used", 3, { paid: 0, bonus: 0 }, {}, "환불할 금액이 없습니다"],
    ["as many credits used as were paid for, some paid ones left", 3, { paid: 50, bonus: 0 }, {}, "환불할 금액이 없습니다"],
    ["a year and a day after payment", 366, { paid: 500, bonus: 50 }, {}, "365일"],
    ["already cancelled", 1, { paid: 0, bonus: 0 }, { status: "CANCELLED" as const }, "이미 환불"],
    ["never paid", 1, { paid: 0, bonus: 0 }, { status: "PENDING" as const, paidAt: null, creditedAt: null }, "결제가 완료"],
    ["paid for another amount", 1, { paid: 0, bonus: 0 }, { status: "AMOUNT_MISMATCH" as const, creditedAt: null }, "결제가 완료"],
    ["a refund already on its way", 1, { paid: 0, bonus: 0 }, { refundPending: true }, "환불을 처리하고"],
  ])("%s: NOT_REFUNDABLE with a reason", (_, days, unused, extra, reason) => {
    const quote = pack550(unused, day(days), extra);
    expect(quote).toMatchObject({ refundable: false, rule: "NOT_REFUNDABLE", amount: 0, paidCredits: 0, bonusCredits: 0, fee: 0 });
    expect(quote.reason).toContain(reason);
  });

  it("the contract's worked example: ₩2,000 cancelled in PortOne's console, which took 220 of the 550 credits", () => {
    const quote = pack550({ paid: 330, bonus: 0 }, day(2), { status: "PARTIAL_CANCELLED", cancelledAmount: 2000 });
    expect(quote).toMatchObject({ rule: "WITHDRAWAL_7_DAYS", amount: 2800, paidCredits: 330 });
  });

  it("never quotes more than PortOne can still cancel", () => {
    // PortOne has cancelled ₩4,000 whose credits are not taken back yet.
    const quote = pack550({ paid: 500, bonus: 50 }, day(2), { status: "PARTIAL_CANCELLED", cancelledAmount: 4000 });
    expect(quote).toMatchObject({ rule: "WITHDRAWAL_7_DAYS", amount: 1000, paidCredits: 500 });
  });

  it("rounds the fee so the refund is a whole won, rounded down", () => {
    const quote = quoteRefund(
      {
        payment: { status: "PAID", amount: 1000, cancelledAmount: 0, paidCredits: 100, bonusCredits: 0, paidAt, creditedAt: paidAt },
        unused: { paid: 7, bonus: 0 },
        used: 93,
        refundPending: false,
        now: day(30),
      },
      { feePercent: 15 },
    );
    // 7 credits are ₩70; 85 % of that is ₩59.5: ₩59 back, ₩11 kept.
    expect(quote).toMatchObject({ amount: 59, fee: 11 });
  });
});
