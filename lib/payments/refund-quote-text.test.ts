import { describe, expect, it } from "vitest";
import { describeRefundQuote, refundRuleLine } from "./refund-quote-text";

describe("the refund quote as the account page states it", () => {
  it("states the amount, the paid credits taken back and the fee", () => {
    expect(describeRefundQuote({ amount: 4900, paidCredits: 490, bonusCredits: 0, fee: 0 })).toBe(
      "환불 예정 금액 ₩4,900 · 유료 크레딧 490개 회수 · 수수료 ₩0",
    );
  });

  it("says which bonus credits the refund voids", () => {
    expect(describeRefundQuote({ amount: 9000, paidCredits: 1000, bonusCredits: 200, fee: 1000 })).toBe(
      "환불 예정 금액 ₩9,000 · 유료 크레딧 1,000개 회수 · 수수료 ₩1,000 · 보너스 크레딧 200개 소멸",
    );
  });

  it("explains the withdrawal and the fee rules, and has no rule line for a refusal", () => {
    expect(refundRuleLine("WITHDRAWAL_7_DAYS", 10)).toContain("청약철회 7일 이내");
    expect(refundRuleLine("UNUSED_PAID_CREDITS", 10)).toContain("환불 대상 크레딧 환불 (수수료 10%)");
    expect(refundRuleLine("NOT_REFUNDABLE", 10)).toBeUndefined();
  });
});
