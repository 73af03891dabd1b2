import { formatCredits, formatKrw } from "@/lib/format";

export type RefundPreviewInput = {
  /** The payment's amount, credits, what is already cancelled and the credits already taken back for it. */
  amount: number;
  credits: number;
  cancelledAmount: number;
  creditsTakenBack: number;
  /** The customer's balance now. */
  balance: number;
};

/**
 * What an operator's cancellation of `cancel` won would take back: the same
 * proportion, rounded up, that syncPayment applies to a console cancellation
 * (lib/payments/portone-payment.ts revocationsFor).
 */
export function previewOperatorRefund(p: RefundPreviewInput, cancel: number) {
  const cumulative = p.cancelledAmount + cancel;
  const due = Math.min(p.credits, Math.ceil((p.credits * cumulative) / p.amount));
  const credits = Math.max(0, due - p.creditsTakenBack);
  return { credits, balanceAfter: p.balance - credits, debt: credits > p.balance };
}

/** "₩2,000 취소 · 크레딧 220개 회수 (잔액 부족분은 마이너스 잔액)" */
export function describeOperatorRefund(p: RefundPreviewInput, cancel: number): string {
  const { credits, balanceAfter, debt } = previewOperatorRefund(p, cancel);
  const tail = debt ? "잔액 부족분은 마이너스 잔액" : `잔액 ${formatCredits(p.balance)} → ${formatCredits(balanceAfter)}`;
  return `${formatKrw(cancel)} 취소 · 크레딧 ${formatCredits(credits)}개 회수 (${tail})`;
}
