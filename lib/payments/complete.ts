import type { PaymentStatus } from "@/db/schema";
import { readPaymentAfter } from "./complete-reads";
import { findOwnPaymentAndBalance } from "./queries";

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
 * payment is already credited or settled, so a refreshing browser costs no PortOne call;
 * completes arriving together share one read that began after they arrived (complete-reads.ts).
 */
export async function completePayment(userId: string, paymentId: string): Promise<CompletionView> {
  const arrived = await findOwnPaymentAndBalance(userId, paymentId);
  let { payment, balance } = arrived;
  if (payment.creditedAt === null && !SETTLED.includes(payment.status)) {
    await readPaymentAfter(paymentId, arrived.asOf);
    ({ payment, balance } = await findOwnPaymentAndBalance(userId, paymentId));
  }
  return { paymentId, status: payment.status, credits: payment.credits, creditsGranted: payment.creditedAt !== null, balance };
}
