import { describe, expect, it } from "vitest";
import { describeOperatorRefund, previewOperatorRefund } from "./payments-refund-preview";

const pack550 = { amount: 5000, credits: 550, cancelledAmount: 0, creditsTakenBack: 0 };

describe("an operator's refund preview", () => {
  it("takes back ₩2,000 of the ₩5,000 pack's 550 credits as 220, a debt when the balance is 50", () => {
    expect(previewOperatorRefund({ ...pack550, balance: 50 }, 2000)).toEqual({ credits: 220, balanceAfter: -170, debt: true });
    expect(describeOperatorRefund({ ...pack550, balance: 50 }, 2000)).toBe("₩2,000 취소 · 크레딧 220개 회수 (잔액 부족분은 마이너스 잔액)");
  });

  it("counts what earlier cancellations took, so the rest takes the remainder", () => {
    const after = { ...pack550, cancelledAmount: 2000, creditsTakenBack: 220, balance: 330 };
    expect(previewOperatorRefund(after, 3000)).toEqual({ credits: 330, balanceAfter: 0, debt: false });
    expect(describeOperatorRefund(after, 3000)).toBe("₩3,000 취소 · 크레딧 330개 회수 (잔액 330 → 0)");
  });
});
