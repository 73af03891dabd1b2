import type { Payment } from "@/db/schema";

export type RefundRule = "WITHDRAWAL_7_DAYS" | "UNUSED_PAID_CREDITS" | "NOT_REFUNDABLE";

export type RefundQuote = {
  refundable: boolean;
  rule: RefundRule;
  /** KRW PortOne would cancel. */
  amount: number;
  /** Paid credits taken back. */
  paidCredits: number;
  /** Bonus credits voided. */
  bonusCredits: number;
  /** KRW kept. */
  fee: number;
  /** Why not, for the person asking (Korean: shown as it is). */
  reason?: string;
};

export type QuoteTerms = { feePercent: number };

export type QuoteFacts = {
  payment: Pick<Payment, "status" | "amount" | "cancelledAmount" | "paidCredits" | "bonusCredits" | "paidAt" | "creditedAt">;
  /** The payment's own lots, what is left of them: what a refund takes back. */
  unused: { paid: number; bonus: number };
  /**
   * Every credit that left the payment's lots (spent, held, expired, taken back)
   * plus what its earlier cancellations took from elsewhere: bonus or paid, it
   * counts against the paid credits a refund pays for.
   */
  used: number;
  /** A refund of this payment was sent to PortOne and its answer is not known yet. */
  refundPending: boolean;
  now: Date;
};

const DAY_MS = 86_400_000;
/** 전자상거래법 17조: a purchase may be withdrawn within 7 days, without a fee. */
export const WITHDRAWAL_DAYS = 7;
/** After that, unused paid credits stay refundable (less the fee) for a year from the purchase. */
export const REFUNDABLE_DAYS = 365;

function notRefundable(reason: string): RefundQuote {
  return { refundable: false, rule: "NOT_REFUNDABLE", amount: 0, paidCredits: 0, bonusCredits: 0, fee: 0, reason };
}

function refusal(facts: QuoteFacts): string | undefined {
  const { payment, refundPending, now } = facts;
  if (payment.status === "CANCELLED") return "이미 환불(결제 취소)된 결제입니다.";
  if (!["PAID", "PARTIAL_CANCELLED"].includes(payment.status) || !payment.creditedAt || !payment.paidAt) {
    return "결제가 완료되어 크레딧이 지급된 결제만 환불할 수 있습니다.";
  }
  if (refundPending) return "이 결제의 환불을 처리하고 있습니다. 결과가 확인되면 다시 시도할 수 있습니다.";
  if (now.getTime() - payment.paidAt.getTime() > REFUNDABLE_DAYS * DAY_MS) return `결제 후 ${REFUNDABLE_DAYS}일이 지나 환불 기간이 끝났습니다.`;
  if (refundableCredits(facts) <= 0) {
    return facts.unused.paid + facts.unused.bonus === 0
      ? "이 결제로 받은 크레딧이 남아 있지 않아 환불할 금액이 없습니다."
      : "이 결제로 받은 크레딧을 보너스 포함 유료 크레딧 수만큼 사용해 환불할 금액이 없습니다. 보너스 크레딧은 환불되지 않습니다.";
  }
  return undefined;
}

/** The paid credits a refund pays for: the paid credits less every credit used, bonus or paid, never below 0. */
export function refundableCredits(facts: Pick<QuoteFacts, "payment" | "used">): number {
  return Math.max(0, facts.payment.paidCredits - facts.used);
}

/**
 * What refunding one payment would do now (contract: "Credit lots and refunds"):
 * within 7 days of payment, its refundable credits (paid credits less every
 * credit used, bonus first: a bonus is a gift with a purchase that is kept) at
 * the price paid for them, no fee, and the whole payment when none of its
 * credits was used; after that and within 365 days, the same less `feePercent`,
 * rounded down to the won; otherwise nothing. A refund takes back everything
 * left in the payment's lots.
 */
export function quoteRefund(facts: QuoteFacts, terms: QuoteTerms): RefundQuote {
  const reason = refusal(facts);
  if (reason) return notRefundable(reason);
  const { payment, unused, now } = facts;
  const cancellable = payment.amount - payment.cancelledAmount;
  // ₩10 a credit for every pack: the price divided by the paid credits, never a float.
  const value = Math.min(cancellable, Math.floor((refundableCredits(facts) * payment.amount) / payment.paidCredits));
  const withinWithdrawal = now.getTime() - payment.paidAt!.getTime() <= WITHDRAWAL_DAYS * DAY_MS;
  if (withinWithdrawal) {
    const untouched = payment.cancelledAmount === 0 && facts.used === 0;
    return {
      refundable: true,
      rule: "WITHDRAWAL_7_DAYS",
      amount: untouched ? cancellable : value,
      paidCredits: unused.paid,
      bonusCredits: unused.bonus,
      fee: 0,
    };
  }
  const amount = Math.floor((value * (100 - terms.feePercent)) / 100);
  if (amount <= 0) return notRefundable("수수료를 빼면 환불할 금액이 남지 않습니다.");
  return { refundable: true, rule: "UNUSED_PAID_CREDITS", amount, paidCredits: unused.paid, bonusCredits: unused.bonus, fee: value - amount };
}
