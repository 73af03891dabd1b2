import { z } from "zod";
import type { PaymentStatus } from "@/db/schema";

/** The fields of PortOne's Payment object that decide our state, and its receipt link; everything else is ignored. */
export const portonePaymentSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  transactionId: z.string().optional(),
  amount: z.looseObject({ total: z.number().int(), cancelled: z.number().int().optional() }).optional(),
  currency: z.string().optional(),
  paidAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  // Shown to the customer as a link: only http(s), and a strange one must never hold up the payment itself.
  receiptUrl: z.url({ protocol: /^https?$/ }).optional().catch(undefined),
  // The card an auto top-up charged: a decline drops that card only, never one registered since.
  billingKey: z.string().optional(),
  failure: z.looseObject({ reason: z.string().optional(), pgMessage: z.string().optional() }).optional(),
  method: z
    .looseObject({
      type: z.string().optional(),
      bank: z.string().optional(),
      accountNumber: z.string().optional(),
      expiredAt: z.string().optional(),
      provider: z.string().optional(),
    })
    .optional(),
  cancellations: z
    .array(
      z.looseObject({
        id: z.string(),
        status: z.string(),
        totalAmount: z.number().int(),
        requestedAt: z.string().optional(),
        cancelledAt: z.string().optional(),
      }),
    )
    .optional(),
});

export type PortOnePaymentSnapshot = z.infer<typeof portonePaymentSchema>;

type Order = { amount: number; currency: string };

/**
 * What PortOne's word means for our order. PAID (or an issued virtual account)
 * for any other amount or currency than ordered is AMOUNT_MISMATCH: never credited.
 * undefined: nothing to change yet (READY, PAY_PENDING, or a status we do not know).
 */
export function statusFromPortOne(snapshot: PortOnePaymentSnapshot, order: Order): PaymentStatus | undefined {
  const matches = snapshot.amount?.total === order.amount && snapshot.currency === order.currency;
  switch (snapshot.status) {
    case "PAID":
      return matches ? "PAID" : "AMOUNT_MISMATCH";
    case "VIRTUAL_ACCOUNT_ISSUED":
      return matches ? "VIRTUAL_ACCOUNT_ISSUED" : "AMOUNT_MISMATCH";
    case "FAILED":
      return "FAILED";
    case "CANCELLED":
      return "CANCELLED";
    case "PARTIAL_CANCELLED":
      return matches ? "PARTIAL_CANCELLED" : "AMOUNT_MISMATCH";
    default:
      return undefined;
  }
}

// design.md, "Payment state machine". FAILED may still be paid: PortOne lets the
// customer retry a failed attempt under the same paymentId.
const ALLOWED: Record<PaymentStatus, readonly PaymentStatus[]> = {
  PENDING: ["VIRTUAL_ACCOUNT_ISSUED", "PAID", "FAILED", "AMOUNT_MISMATCH", "CANCELLED", "PARTIAL_CANCELLED"],
  VIRTUAL_ACCOUNT_ISSUED: ["PAID", "FAILED", "AMOUNT_MISMATCH", "CANCELLED", "PARTIAL_CANCELLED"],
  FAILED: ["VIRTUAL_ACCOUNT_ISSUED", "PAID", "AMOUNT_MISMATCH", "CANCELLED", "PARTIAL_CANCELLED"],
  PAID: ["PARTIAL_CANCELLED", "CANCELLED"],
  PARTIAL_CANCELLED: ["CANCELLED"],
  AMOUNT_MISMATCH: ["CANCELLED"],
  CANCELLED: [],
};

/**
 * A customer's refund waiting for its cancellation: what that cancellation
 * takes back, exactly, and PortOne's id for it once the cancel's answer gave one.
 */
export type QuotedRefund = { id: number; amount: number; paidCredits: number; bonusCredits: number; cancellationId: string | null };

/** Credits one newly succeeded cancellation takes back, and the quoted refund it carried out, if it did. */
export type Revocation = { cancellationId: string; credits: number; refund?: QuotedRefund };

/** The cancellations already taken back: their PortOne ids, and the credits their rows took. */
export type AlreadyRevoked = { cancellationIds: ReadonlySet<string>; credits: number };

/**
 * What each newly succeeded cancellation of PortOne's takes back. One that
 * carries out a quoted refund takes that quote's credits: the refund that
 * PortOne's answer to its cancel named, or, while that answer is not recorded
 * (lost, or not yet written), the oldest such refund of the same amount; a
 * customer's refund and an operator's cancel are never under way together,
 * so nothing else can be mistaken for it. Any other (PortOne's console, an operator) takes
 * what the whole cancelled amount is owed in proportion, rounded up, less what
 * was already taken: so the total never exceeds the pack, a full cancellation
 * takes exactly the rest of the pack, and one seen out of order changes nothing.
 */
export function revocationsFor(
  snapshot: PortOnePaymentSnapshot,
  order: { credits: number; amount: number },
  already: AlreadyRevoked = { cancellationIds: new Set(), credits: 0 },
  waitingRefunds: readonly QuotedRefund[] = [],
): Revocation[] {
  const succeeded = (snapshot.cancellations ?? [])
    .filter((c) => c.status === "SUCCEEDED")
    .sort((a, b) => (a.requestedAt ?? "").localeCompare(b.requestedAt ?? "") || a.id.localeCompare(b.id));
  const creditsFor = (cancelled: number) => Math.min(order.credits, Math.ceil((order.credits * cancelled) / order.amount));
  const unmatched = [...waitingRefunds];
  let cancelled = succeeded.filter((c) => already.cancellationIds.has(c.id)).reduce((sum, c) => sum + c.totalAmount, 0);
  let taken = already.credits;
  return succeeded
    .filter((c) => !already.cancellationIds.has(c.id))
    .map((c) => {
      cancelled += c.totalAmount;
      const byId = unmatched.findIndex((r) => r.cancellationId === c.id);
      const matched = byId >= 0 ? byId : unmatched.findIndex((r) => r.cancellationId === null && r.amount === c.totalAmount);
      if (matched >= 0) {
        const [refund] = unmatched.splice(matched, 1);
        const credits = Math.min(refund!.paidCredits + refund!.bonusCredits, order.credits - taken);
        taken += credits;
        return { cancellationId: c.id, credits, refund };
      }
      const credits = Math.max(0, creditsFor(cancelled) - taken);
      taken += credits;
      return { cancellationId: c.id, credits };
    });
}

/** Whether our state may move from `from` to `to`. A stale read of PortOne can never move a payment backwards. */
export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return ALLOWED[from].includes(to);
}
