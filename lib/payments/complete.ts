import type { PaymentStatus } from "@/db/schema";
import { getBalance } from "@/lib/accounts/users";
import { findOwnPaymentAndBalance } from "./queries";
import { syncPayment } from "./sync";

export type CompletionView = {
  paymentId: string;
  status: PaymentStatus;
  credits: number;
  creditsGranted: boolean;
  balance: number;
};

// Nothing more can happen to these from the browser's side; later changes arrive by webhook or reconciliation.
// FAILED is not among them: PortOne lets the customer pay again under the same paymentId.
const SETTLED: readonly PaymentStatus[] = ["CANCELLED", "PARTIAL_CANCELLED", "AMOUNT_MISMATCH"];

/**
 * The browser's "I paid, check it": owner only, idempotent. Asks PortOne unless the
 * payment is already credited or settled, so a refreshing browser costs no PortOne call.
 */
export async function completePayment(userId: string, paymentId: string): Promise<CompletionView> {
  const known = await findOwnPaymentAndBalance(userId, paymentId);
  let { payment, balance } = known;
  if (payment.creditedAt === null && !SETTLED.includes(payment.status)) {
    const result = await syncPayment(paymentId);
    if (result.ours) payment = result.payment;
    balance = await getBalance(userId);
  }
  return { paymentId, status: payment.status, credits: payment.credits, creditsGranted: payment.creditedAt !== null, balance };
}
