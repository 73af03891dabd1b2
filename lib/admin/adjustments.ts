import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Transaction } from "@/db/client";
import { creditLedger, users } from "@/db/schema";
import { grantFreeCredits } from "@/lib/credits/grants";
import { id } from "@/lib/http/input";
import { Problem } from "@/lib/http/problem";
import { recordAudit, reasonSchema } from "./audit";
import type { Operator } from "./operators";
import { UserNotFound, parseUserId } from "./users";

export const MAX_ADJUSTMENT = 1_000_000;

export const adjustmentSchema = z.object({
  credits: z
    .number({ error: "credits must be a whole number" })
    .int("credits must be a whole number")
    .min(-MAX_ADJUSTMENT, `credits must be within ±${MAX_ADJUSTMENT}`)
    .max(MAX_ADJUSTMENT, `credits must be within ±${MAX_ADJUSTMENT}`)
    .refine((n) => n !== 0, "credits must not be 0"),
  kind: z.enum(["paid", "bonus"], { error: 'kind must be "paid" or "bonus"' }),
  reason: reasonSchema,
  idempotencyKey: id("idempotencyKey is required"),
});

export type Adjustment = z.infer<typeof adjustmentSchema>;

/** An operator's deduction the balance does not cover: 409, and nothing changed. */
export class AdjustmentBeyondBalance extends Problem {
  constructor(credits: number, balance: number) {
    super(
      409,
      "INSUFFICIENT_CREDITS",
      "Not enough credits",
      `Taking ${-credits} credits needs that much balance and the balance is ${balance}. Nothing was changed.`,
      { needed: -credits, balance },
    );
  }
}

/** The ledger key of an adjustment: the operator's key, in a space of its own. */
export const adjustmentKey = (idempotencyKey: string) => `admin:${idempotencyKey}`;

async function lockBalance(tx: Transaction, userId: string): Promise<number | undefined> {
  const [row] = await tx.select({ balance: users.creditBalance }).from(users).where(eq(users.id, userId)).for("update");
  return row?.balance;
}

async function alreadyApplied(tx: Transaction, userId: string, key: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: creditLedger.id })
    .from(creditLedger)
    .where(and(eq(creditLedger.userId, userId), eq(creditLedger.kind, "adjust"), eq(creditLedger.idempotencyKey, key)));
  return row !== undefined;
}

/** Takes credits from the open lots in spending order, only if the balance covers them (db/migrations/0008's debit_credits). */
async function deduct(tx: Transaction, userId: string, credits: number, key: string): Promise<number | undefined> {
  // A stored function: Drizzle cannot call it.
  const [row] = await tx.execute<{ balance_after: string }>(
    sql`select balance_after from debit_credits(${userId}::uuid, ${credits}::bigint, 'adjust', ${key})`,
  );
  return row ? Number(row.balance_after) : undefined;
}

/** The one rule every operator write on an account keeps: never on the operator's own. */
export class SelfActionForbidden extends Problem {
  constructor() {
    super(403, "SELF_ACTION_FORBIDDEN", "Not on your own account", "An operator cannot adjust or refund their own account; ask another operator.");
  }
}

/**
 * An operator's adjustment of a balance, once per idempotency key, carried out
 * now (lib/admin/approvals.ts decides whether it may be): never on the
 * operator's own account.
 */
export async function adjustCredits(
  operator: Operator,
  rawUserId: string,
  adjustment: Adjustment,
): Promise<{ balance: number; replayed: boolean }> {
  const userId = parseUserId(rawUserId);
  if (userId === operator.id) throw new SelfActionForbidden();
  const { balance, replayed } = await getDb().transaction((tx) => applyAdjustment(tx, operator, userId, adjustment));
  return { balance, replayed };
}

/**
 * The adjustment inside the caller's transaction: a grant adds a lot of the
 * given kind, a deduction draws the open lots within the balance. The user's
 * row lock comes first, so a repeat of the key (even a concurrent one) waits,
 * then finds the first one's ledger row and answers with the balance. The
 * audit row (with `detail` added to it) commits with the change or not at all.
 */
export async function applyAdjustment(
  tx: Transaction,
  operator: Operator,
  userId: string,
  adjustment: Adjustment,
  detail: Record<string, unknown> = {},
): Promise<{ before: number; balance: number; replayed: boolean }> {
  const key = adjustmentKey(adjustment.idempotencyKey);
  const before = await lockBalance(tx, userId);
  if (before === undefined) throw new UserNotFound();
  if (await alreadyApplied(tx, userId, key)) return { before, balance: before, replayed: true };

  let after: number;
  if (adjustment.credits > 0) {
    ({ balanceAfter: after } = await grantFreeCredits(tx, {
      userId,
      credits: adjustment.credits,
      idempotencyKey: key,
      kind: adjustment.kind,
      source: "adjust",
    }));
  } else {
    const deducted = await deduct(tx, userId, -adjustment.credits, key);
    if (deducted === undefined) throw new AdjustmentBeyondBalance(adjustment.credits, before);
    after = deducted;
  }
  await recordAudit(tx, {
    actor: operator,
    action: "user.adjust",
    targetType: "user",
    targetId: userId,
    reason: adjustment.reason,
    detail: {
      before: { balance: before },
      after: { balance: after },
      credits: adjustment.credits,
      kind: adjustment.kind,
      idempotencyKey: adjustment.idempotencyKey,
      ...detail,
    },
  });
  return { before, balance: after, replayed: false };
}
