import { describe, expect, it } from "vitest";
import { PREMIUM_MESSAGE_COST } from "@/lib/chat/premium-chat";
import { config } from "@/lib/env";
import { formatKrw } from "@/lib/format";
import type { PackView } from "@/lib/payments/packs";
import { quoteRefund, REFUNDABLE_DAYS, WITHDRAWAL_DAYS } from "@/lib/payments/refund-quote";
import type { PolicyBlock } from "./policy-document";
import { exampleFacts, loadRefundPolicy, refundPolicy, type RefundPolicy, type RefundPolicyInput } from "./refund-policy";

const pack = (id: string, name: string, paidCredits: number, bonusCredits: number, amount: number): PackView => ({
  id,
  name,
  credits: paidCredits + bonusCredits,
  paidCredits,
  bonusCredits,
  amount,
  currency: "KRW",
});
const PACKS = [
  pack("credits-100", "100 크레딧", 100, 0, 1000),
  pack("credits-550", "550 크레딧", 500, 50, 5000),
  pack("credits-1200", "1,200 크레딧", 1000, 200, 10000),
];
const PACK_550 = PACKS[1]!;
const DEFAULT_CREDITS = { paidValidDays: 1825, bonusValidDays: 365, refundFeePercent: 10 };

function policyWith(credits: RefundPolicyInput["credits"] = DEFAULT_CREDITS): RefundPolicy {
  return refundPolicy({ packs: PACKS, credits, business: config().business, messageCost: PREMIUM_MESSAGE_COST });
}

function blockText(block: PolicyBlock): string[] {
  switch (block.kind) {
    case "paragraph":
    case "link":
      return [block.text];
    case "list":
      return block.items;
    case "examples":
      return block.items.flatMap((e) => [e.situation, e.outcome]);
  }
}

/** Everything the page prints of the policy's sections. */
function publishedText(policy: RefundPolicy): string {
  return policy.sections
    .flatMap((s) => [s.heading, ...s.blocks.flatMap(blockText)])
    .join("\n");
}

describe("the published refund policy", () => {
  it("states the refund quote's constants and the configured validity and fee", () => {
    const policy = policyWith();
    expect(policy.terms).toEqual({
      withdrawalDays: WITHDRAWAL_DAYS,
      refundableDays: REFUNDABLE_DAYS,
      feePercent: 10,
      paidValidDays: 1825,
      bonusValidDays: 365,
      messageCost: PREMIUM_MESSAGE_COST,
    });
    const text = publishedText(policy);
    expect(text).toContain(`결제일로부터 ${WITHDRAWAL_DAYS}일 이내에는 수수료 없이`);
    expect(text).toContain(`결제일로부터 ${REFUNDABLE_DAYS}일까지`);
    expect(text).toContain("수수료 10%");
    expect(text).toContain("유료 크레딧: 결제일로부터 1,825일(5년)");
    expect(text).toContain("보너스 크레딧: 지급일로부터 365일(1년)");
    expect(text).toContain(`메시지 1개에 ${PREMIUM_MESSAGE_COST} 크레딧을 씁니다(₩100 상당)`);
  });

  it("values a paid credit at each pack's price over its paid credits: ₩10 in every pack", () => {
    expect(policyWith().packs.map((p) => [p.id, p.wonPerPaidCredit])).toEqual([
      ["credits-100", 10],
      ["credits-550", 10],
      ["credits-1200", 10],
    ]);
    expect(publishedText(policyWith())).toContain("550 크레딧: ₩5,000, 유료 크레딧 500개 + 보너스 크레딧 50개 → 유료 크레딧 1개당 ₩10");
  });

  it("follows the settings: another fee and other validity periods change every sentence that states them", () => {
    const text = publishedText(policyWith({ paidValidDays: 730, bonusValidDays: 90, refundFeePercent: 20 }));
    expect(text).toContain("수수료 20%");
    expect(text).toContain("금액의 20%를 수수료로");
    expect(text).not.toContain("10%");
    expect(text).toContain("유료 크레딧: 결제일로부터 730일(2년)");
    expect(text).toContain("보너스 크레딧: 지급일로부터 90일");
    expect(text).not.toContain("1,825");
  });

  it("publishes each worked example as the refund quote's own answer for the same facts", () => {
    for (const feePercent of [10, 20]) {
      const policy = policyWith({ ...DEFAULT_CREDITS, refundFeePercent: feePercent });
      expect(policy.examples).toHaveLength(4);
      for (const example of policy.examples) {
        const quote = quoteRefund(example.facts, { feePercent });
        expect(example.quote).toEqual(quote);
        const days = (example.facts.now.getTime() - example.facts.payment.paidAt!.getTime()) / 86_400_000;
        expect(example.situation).toContain(`결제 ${days}일 후`);
        expect(example.outcome).toContain(quote.refundable ? `환불 예정 금액 ${formatKrw(quote.amount)}` : quote.reason);
        expect(publishedText(policy)).toContain(example.outcome);
      }
    }
  });

  it("works the 550 pack through: untouched or 100 credits used on day 3, 100 used on day 8 and on day 366", () => {
    const [untouched, usedEarly, usedLate, expired] = policyWith().examples;
    expect(untouched).toMatchObject({
      situation: "550 크레딧 팩(₩5,000)을 사고 하나도 쓰지 않고 결제 3일 후 환불을 요청하면",
      quote: { rule: "WITHDRAWAL_7_DAYS", amount: 5000, paidCredits: 500, bonusCredits: 50, fee: 0 },
    });
    // The 50 bonus credits expire first, so they go first: 450 paid credits are left, and all 100 used
    // count against the 500 paid for, bonus included: 400 are refunded.
    expect(usedEarly).toMatchObject({
      situation: "550 크레딧 팩(₩5,000)을 사고 100 크레딧(프리미엄 채팅 10번)을 쓴 뒤 결제 3일 후 환불을 요청하면",
      outcome: "환불 예정 금액 ₩4,000 · 유료 크레딧 450개 회수 · 수수료 ₩0",
    });
    expect(usedLate).toMatchObject({
      situation: "550 크레딧 팩(₩5,000)을 사고 100 크레딧(프리미엄 채팅 10번)을 쓴 뒤 결제 8일 후 환불을 요청하면",
      outcome: "환불 예정 금액 ₩3,600 · 유료 크레딧 450개 회수 · 수수료 ₩400",
    });
    expect(expired).toMatchObject({ quote: { refundable: false }, outcome: "환불되지 않습니다. 결제 후 365일이 지나 환불 기간이 끝났습니다." });
  });

  // Literal days: a change to either window fails here, so the published policy is reviewed with it.
  it.each([
    [7, "WITHDRAWAL_7_DAYS", 4000, 0],
    [8, "UNUSED_PAID_CREDITS", 3600, 400],
    [365, "UNUSED_PAID_CREDITS", 3600, 400],
    [366, "NOT_REFUNDABLE", 0, 0],
  ] as const)("on day %i the policy's stated windows and the refund quote agree: %s", (day, rule, amount, fee) => {
    const { terms } = policyWith();
    const quote = quoteRefund(exampleFacts(PACK_550, 100, day, DEFAULT_CREDITS), { feePercent: terms.feePercent });
    expect(quote).toMatchObject({ rule, amount, fee });
    const stated = day <= terms.withdrawalDays ? "WITHDRAWAL_7_DAYS" : day <= terms.refundableDays ? "UNUSED_PAID_CREDITS" : "NOT_REFUNDABLE";
    expect(stated).toBe(quote.rule);
    if (quote.rule === "UNUSED_PAID_CREDITS") expect(quote.fee).toBe(Math.floor((4000 * terms.feePercent) / 100));
  });

  it("is built from the packs on sale and this deployment's settings", async () => {
    const policy = await loadRefundPolicy();
    const { credits } = config();
    expect(policy.terms).toMatchObject({
      feePercent: credits.refundFeePercent,
      paidValidDays: credits.paidValidDays,
      bonusValidDays: credits.bonusValidDays,
      messageCost: PREMIUM_MESSAGE_COST,
    });
    expect(policy.packs.map((p) => [p.id, p.wonPerPaidCredit])).toEqual([
      ["credits-100", 10],
      ["credits-550", 10],
      ["credits-1200", 10],
    ]);
    expect(policy.examples.map((e) => e.quote)).toEqual(policyWith(credits).examples.map((e) => e.quote));
  });
});
