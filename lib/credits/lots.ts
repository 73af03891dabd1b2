import { and, asc, eq, gt, sql } from "drizzle-orm";
import { getDb, type Database, type Transaction } from "@/db/client";
import { creditLedger, creditLotDraws, creditLots, paymentRefunds, users, type CreditLot, type CreditLotKind } from "@/db/schema";
import { applyLedgerEntry } from "./ledger";
import { config } from "@/lib/env";

const DAY_MS = 86_400_000;

/** When a lot granted now stops being spendable: CREDIT_PAID_VALID_DAYS or CREDIT_BONUS_VALID_DAYS later. */
export function lotExpiry(kind: CreditLotKind, grantedAt: Date): Date {
  const { paidValidDays, bonusValidDays } = config().credits;
  return new Date(grantedAt.getTime() + (kind === "paid" ? paidValidDays : bonusValidDays) * DAY_MS);
}

/** Takes the user's row lock: every change to a user's lots happens under it (lock order: payment, user, lots, holds). */
export async function lockUser(tx: Transaction, userId: string): Promise<{ balance: number; debt: number }> {
  const [row] = await tx
    .select({ balance: users.creditBalance, debt: users.creditDebt })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!row) throw new Error(`no user ${userId}`);
  return row;
}

type Draw = { entryId: number; userId: string; amount: number; paymentId?: string; kind?: CreditLotKind };

/**
 * Draws up to `amount` credits from the user's open lots in the spending order
 * (soonest expiry, bonus before paid, oldest), or only from one payment's lots
 * or one kind of lot; records each draw against the ledger row. Returns how
 * many it drew. The caller must hold the user's row lock.
 */
export async function drawLots(tx: Transaction, draw: Draw): Promise<number> {
  if (draw.amount <= 0) return 0;
  // The draw is a stored function (db/migrations/0008): the same order for the one-round-trip spend.
  const [row] = await tx.execute<{ drawn: string }>(sql`
    select draw_credit_lots(${draw.entryId}::bigint, ${draw.userId}::uuid, ${draw.amount}::bigint,
      ${draw.paymentId ?? null}::text, ${draw.kind ?? null}::credit_lot_kind) as drawn`);
  return Number(row!.drawn);
}

/** Pays the user's debt out of open lots, as far as they go; the ledger row that brought the credits names the draws. */
async function settleDebt(tx: Transaction, userId: string, entryId: number, debt: number): Promise<void> {
  const paid = await drawLots(tx, { entryId, userId, amount: debt });
  if (paid > 0) await tx.update(users).set({ creditDebt: sql`${users.creditDebt} - ${paid}` }).where(eq(users.id, userId));
}

export type LotGrant = {
  entryId: number;
  userId: string;
  kind: CreditLotKind;
  source: CreditLot["source"];
  credits: number;
  paymentId?: string;
  grantedAt?: Date;
};

/**
 * Adds lots for credits that `entryId` put on the balance, then lets them pay
 * any debt. `debt` is the user's debt as the grant's ledger row left it.
 */
export async function grantLots(tx: Transaction, grants: LotGrant[], debt: number): Promise<void> {
  const granting = grants.filter((g) => g.credits > 0);
  if (granting.length === 0) return;
  await tx.insert(creditLots).values(
    granting.map((g) => {
      const grantedAt = g.grantedAt ?? new Date();
      return {
        userId: g.userId,
        kind: g.kind,
        source: g.source,
        paymentId: g.paymentId ?? null,
        grantEntryId: g.entryId,
        granted: g.credits,
        remaining: g.credits,
        grantedAt,
        expiresAt: lotExpiry(g.kind, grantedAt),
      };
    }),
  );
  if (debt > 0) await settleDebt(tx, granting[0]!.userId, granting[0]!.entryId, debt);
}

/**
 * Takes `credits` back for the ledger row `entryId` (already written, with the
 * user's row locked): first from the payment's own lots (of `kind`, when given),
 * then from the user's other lots, and what no lot covers becomes debt.
 */
export async function takeBackCredits(
  tx: Transaction,
  take: { entryId: number; userId: string; credits: number; paymentId: string; kind?: CreditLotKind },
): Promise<{ fromLots: number; debt: number }> {
  let drawn = await drawLots(tx, { ...take, amount: take.credits });
  if (drawn < take.credits) drawn += await drawLots(tx, { entryId: take.entryId, userId: take.userId, amount: take.credits - drawn });
  const debt = take.credits - drawn;
  if (debt > 0) await tx.update(users).set({ creditDebt: sql`${users.creditDebt} + ${debt}` }).where(eq(users.id, take.userId));
  return { fromLots: drawn, debt };
}

/**
 * Gives the credits ledger row `fromEntryId` drew back to the lots they came
 * from, recorded against `toEntryId`, then lets them pay any debt. With
 * `voidRefundedKey`, what went back into a lot of a payment already refunded
 * is voided at once under that key: a refund paid for those credits as used.
 */
export async function returnDraws(
  tx: Transaction,
  ret: { fromEntryId: number; toEntryId: number; userId: string; debt: number; voidRefundedKey?: string },
): Promise<void> {
  // An UPDATE … FROM over an aggregate, feeding an INSERT: one statement, beyond the query builder.
  await tx.execute(sql`
    with drawn as (
      select lot_id, sum(credits)::integer as credits from ${creditLotDraws}
      where ledger_entry_id = ${ret.fromEntryId} group by lot_id having sum(credits) <> 0
    ), returned as (
      update ${creditLots} l set remaining = l.remaining + d.credits from drawn d where l.id = d.lot_id
      returning l.id, d.credits
    )
    insert into ${creditLotDraws} (ledger_entry_id, lot_id, credits) select ${ret.toEntryId}, id, -credits from returned`);
  if (ret.voidRefundedKey) await voidReturnsToRefundedLots(tx, { returnEntryId: ret.toEntryId, userId: ret.userId, key: ret.voidRefundedKey });
  if (ret.debt > 0) await settleDebt(tx, ret.userId, ret.toEntryId, ret.debt);
}

/** Takes straight back, with one `void` row, the credits `returnEntryId` put into lots of refunded payments. */
async function voidReturnsToRefundedLots(tx: Transaction, v: { returnEntryId: number; userId: string; key: string }): Promise<number> {
  const returned = await tx
    .select({ lotId: creditLotDraws.lotId, credits: sql<number>`(-${creditLotDraws.credits})::integer` })
    .from(creditLotDraws)
    .innerJoin(creditLots, eq(creditLots.id, creditLotDraws.lotId))
    .where(
      and(
        eq(creditLotDraws.ledgerEntryId, v.returnEntryId),
        sql`exists (select 1 from ${paymentRefunds} r where r.payment_id = ${creditLots.paymentId} and r.outcome = 'completed')`,
      ),
    );
  const credits = returned.reduce((sum, r) => sum + r.credits, 0);
  if (credits <= 0) return 0;
  const voided = await applyLedgerEntry(tx, { userId: v.userId, delta: -credits, kind: "void", idempotencyKey: v.key });
  for (const r of returned) {
    await tx.update(creditLots).set({ remaining: sql`${creditLots.remaining} - ${r.credits}` }).where(eq(creditLots.id, r.lotId));
  }
  await tx.insert(creditLotDraws).values(returned.map((r) => ({ ledgerEntryId: voided.entryId, lotId: r.lotId, credits: r.credits })));
  return credits;
}

/** A payment's open credits by kind (under the user's lock when they are about to be taken). */
export async function paymentLotCredits(db: Database | Transaction, paymentId: string): Promise<{ paid: number; bonus: number }> {
  const rows = await db
    .select({ kind: creditLots.kind, remaining: sql<number>`coalesce(sum(${creditLots.remaining}), 0)::integer` })
    .from(creditLots)
    .where(eq(creditLots.paymentId, paymentId))
    .groupBy(creditLots.kind);
  const of = (kind: CreditLotKind) => rows.find((r) => r.kind === kind)?.remaining ?? 0;
  return { paid: of("paid"), bonus: of("bonus") };
}

/**
 * What a refund of the payment is quoted from: what is left of its lots, and
 * every credit used of it: all that left its lots (spent, held, expired, taken
 * back), plus what its cancellations' rows took from the owner's other lots or
 * as debt. Read under the user's lock when a refund is about to hold it.
 */
export async function paymentCreditUse(
  db: Database | Transaction,
  payment: { id: string; credits: number },
): Promise<{ unused: { paid: number; bonus: number }; used: number }> {
  // Sums over the ledger, the draws and the lots together: beyond the query builder.
  const [row] = await db.execute<{ paid: number; bonus: number; elsewhere: number }>(sql`
    with taken as (
      select id, -delta as credits from ${creditLedger}
      where payment_id = ${payment.id} and kind in ('revoke', 'void')
    )
    select
      coalesce((select sum(remaining) from ${creditLots} where payment_id = ${payment.id} and kind = 'paid'), 0)::integer as paid,
      coalesce((select sum(remaining) from ${creditLots} where payment_id = ${payment.id} and kind = 'bonus'), 0)::integer as bonus,
      (coalesce((select sum(credits) from taken), 0)
        - coalesce((select sum(d.credits) from ${creditLotDraws} d join ${creditLots} l on l.id = d.lot_id
                    where d.ledger_entry_id in (select id from taken) and l.payment_id = ${payment.id}), 0))::integer as elsewhere`);
  const unused = { paid: Number(row!.paid), bonus: Number(row!.bonus) };
  return { unused, used: payment.credits - unused.paid - unused.bonus + Number(row!.elsewhere) };
}

export type LotView = {
  id: number;
  kind: CreditLotKind;
  source: CreditLot["source"];
  paymentId: string | null;
  granted: number;
  remaining: number;
  grantedAt: string;
  expiresAt: string;
};

/** The user's open lots, in the order spending draws them. */
export async function listOpenLots(userId: string, db: Database | Transaction = getDb()): Promise<LotView[]> {
  const rows = await db
    .select()
    .from(creditLots)
    .where(and(eq(creditLots.userId, userId), gt(creditLots.remaining, 0)))
    .orderBy(asc(creditLots.expiresAt), asc(creditLots.kind), asc(creditLots.grantedAt), asc(creditLots.id));
  return rows.map((l) => ({
    id: l.id,
    kind: l.kind,
    source: l.source,
    paymentId: l.paymentId,
    granted: l.granted,
    remaining: l.remaining,
    grantedAt: l.grantedAt.toISOString(),
    expiresAt: l.expiresAt.toISOString(),
  }));
}
