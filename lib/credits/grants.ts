import type { Transaction } from "@/db/client";
import type { CreditLotKind } from "@/db/schema";
import { applyLedgerEntry, cancellationKey } from "./ledger";
import { drawLots, grantLots, lockUser, paymentLotCredits, takeBackCredits } from "./lots";

/** A purchase's credits: its paid and bonus lots, under one `purchase` row keyed by the paymentId (at most once). */
export async function grantPurchaseCredits(
  tx: Transaction,
  grant: { userId: string; paymentId: string; paidCredits: number; bonusCredits: number },
): Promise<{ balanceAfter: number }> {
  const applied = await applyLedgerEntry(tx, {
    userId: grant.userId,
    delta: grant.paidCredits + grant.bonusCredits,
    kind: "purchase",
    idempotencyKey: grant.paymentId,
    paymentId: grant.paymentId,
  });
  const part = (kind: CreditLotKind, credits: number) =>
    ({ entryId: applied.entryId, userId: grant.userId, kind, source: "purchase", credits, paymentId: grant.paymentId }) as const;
  await grantLots(tx, [part("paid", grant.paidCredits), part("bonus", grant.bonusCredits)], applied.debt);
  return { balanceAfter: applied.balanceAfter };
}

/** Credits given rather than bought (an operator's adjustment, a promotion): one lot, keyed so a retry gives once. */
export async function grantFreeCredits(
  tx: Transaction,
  grant: { userId: string; credits: number; idempotencyKey: string; kind?: CreditLotKind; source?: "adjust" | "promotion" },
): Promise<{ balanceAfter: number }> {
  const applied = await applyLedgerEntry(tx, { userId: grant.userId, delta: grant.credits, kind: "adjust", idempotencyKey: grant.idempotencyKey });
  await grantLots(
    tx,
    [{ entryId: applied.entryId, userId: grant.userId, kind: grant.kind ?? "bonus", source: grant.source ?? "adjust", credits: grant.credits }],
    applied.debt,
  );
  return { balanceAfter: applied.balanceAfter };
}

/**
 * A cancellation nobody quoted (PortOne's console, an operator): `credits` taken
 * back from the payment's own lots first, then the user's others, the rest as
 * debt; one revoke row per PortOne cancellation.
 */
export async function revokeCancelledCredits(
  tx: Transaction,
  revoke: { userId: string; paymentId: string; credits: number; cancellationId: string },
): Promise<void> {
  const applied = await applyLedgerEntry(tx, {
    userId: revoke.userId,
    delta: -revoke.credits,
    kind: "revoke",
    idempotencyKey: cancellationKey(revoke.cancellationId),
    paymentId: revoke.paymentId,
  });
  await takeBackCredits(tx, { entryId: applied.entryId, userId: revoke.userId, credits: revoke.credits, paymentId: revoke.paymentId });
}

/**
 * A customer's refund, once PortOne has cancelled it: exactly its quoted paid
 * credits (revoke) and its bonus credits, as far as they are still there (void).
 * The refund's hold has given them back to the payment's lots just before.
 */
export async function revokeRefundedCredits(
  tx: Transaction,
  refund: { userId: string; paymentId: string; paidCredits: number; bonusCredits: number; cancellationId: string },
): Promise<{ revoked: number; voided: number }> {
  const key = cancellationKey(refund.cancellationId);
  await lockUser(tx, refund.userId);
  if (refund.paidCredits > 0) {
    const applied = await applyLedgerEntry(tx, {
      userId: refund.userId,
      delta: -refund.paidCredits,
      kind: "revoke",
      idempotencyKey: key,
      paymentId: refund.paymentId,
    });
    await takeBackCredits(tx, { entryId: applied.entryId, userId: refund.userId, credits: refund.paidCredits, paymentId: refund.paymentId, kind: "paid" });
  }
  // Bonus credits are voided, never turned into debt: what was spent of them is gone already.
  const voided = Math.min(refund.bonusCredits, (await paymentLotCredits(tx, refund.paymentId)).bonus);
  if (voided > 0) {
    const applied = await applyLedgerEntry(tx, { userId: refund.userId, delta: -voided, kind: "void", idempotencyKey: key, paymentId: refund.paymentId });
    await drawLots(tx, { entryId: applied.entryId, userId: refund.userId, amount: voided, paymentId: refund.paymentId, kind: "bonus" });
  }
  return { revoked: refund.paidCredits, voided };
}
