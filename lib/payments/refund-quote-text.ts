import { formatCredits, formatKrw } from "@/lib/format";
import type { RefundQuote, RefundRule } from "./refund-quote";

/** "환불 예정 금액 ₩4,400 · 유료 크레딧 490개 회수 · 수수료 ₩0", and the voided bonus when there is one. */
export function describeRefundQuote(quote: Pick<RefundQuote, "amount" | "paidCredits" | "bonusCredits" | "fee">): string {
  const parts = [
    `환불 예정 금액 ${formatKrw(quote.amount)}`,
    `유료 크레딧 ${formatCredits(quote.paidCredits)}개 회수`,
    `수수료 ${formatKrw(quote.fee)}`,
  ];
  if (quote.bonusCredits > 0) parts.push(`보너스 크레딧 ${formatCredits(quote.bonusCredits)}개 소멸`);
  return parts.join(" · ");
}

/** The rule the quote follows, in a line for the person deciding; `feePercent` is REFUND_FEE_PERCENT. */
export function refundRuleLine(rule: RefundRule, feePercent: number): string | undefined {
  switch (rule) {
    case "WITHDRAWAL_7_DAYS":
      return "청약철회 7일 이내: 유료 크레딧에서 사용한 크레딧(보너스 포함)을 뺀 만큼 수수료 없이 환불합니다.";
    case "UNUSED_PAID_CREDITS":
      return `환불 대상 크레딧 환불 (수수료 ${feePercent}%): 결제 후 7일이 지나, 유료 크레딧에서 사용한 크레딧(보너스 포함)을 뺀 만큼에서 수수료를 빼고 환불합니다.`;
    case "NOT_REFUNDABLE":
      return undefined;
  }
}
