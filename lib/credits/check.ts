import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

export type LedgerProblem =
  | { kind: "balance-differs"; userId: string; balance: number; ledgerSum: number }
  | { kind: "lots-differ"; userId: string; balance: number; lotsRemaining: number; debt: number }
  | { kind: "debt-beside-credits"; userId: string; lotsRemaining: number; debt: number }
  | { kind: "lot-differs-from-draws"; lotId: number; granted: number; remaining: number; drawn: number }
  | { kind: "purchase-count"; paymentId: string; purchaseRows: number; credited: boolean };

const toNumber = (v: string | number) => Number(v);

/**
 * Proves the ledger's invariants over the whole database, an empty list meaning
 * all is well: every balance equals the sum of its ledger rows and its open lot
 * credits less its debt (and debt only where no lot is left); every lot's
 * remaining credits are what it was granted less what its draws took; a payment
 * has a purchase row exactly when it is marked credited, never more than one.
 */
export async function checkLedger(): Promise<LedgerProblem[]> {
  const db = getDb();
  // Aggregates over outer joins: clearer in SQL than in the query builder.
  const balances = await db.execute<{ user_id: string; balance: string; ledger_sum: string }>(sql`
    select u.id as user_id, u.credit_balance as balance, coalesce(sum(l.delta), 0) as ledger_sum
    from users u left join credit_ledger l on l.user_id = u.id
    group by u.id
    having u.credit_balance <> coalesce(sum(l.delta), 0)`);
  const lotTotals = await db.execute<{ user_id: string; balance: string; remaining: string; debt: string }>(sql`
    select u.id as user_id, u.credit_balance as balance, coalesce(sum(c.remaining), 0) as remaining, u.credit_debt as debt
    from users u left join credit_lots c on c.user_id = u.id
    group by u.id
    having u.credit_balance <> coalesce(sum(c.remaining), 0) - u.credit_debt
        or (u.credit_debt > 0 and coalesce(sum(c.remaining), 0) > 0)`);
  const lots = await db.execute<{ lot_id: string; granted: number; remaining: number; drawn: string }>(sql`
    select c.id as lot_id, c.granted, c.remaining, coalesce(sum(d.credits), 0) as drawn
    from credit_lots c left join credit_lot_draws d on d.lot_id = c.id
    group by c.id
    having c.remaining <> c.granted - coalesce(sum(d.credits), 0)`);
  const purchases = await db.execute<{ payment_id: string; purchase_rows: string; credited: boolean }>(sql`
    select p.id as payment_id, count(l.id) as purchase_rows, p.credited_at is not null as credited
    from payments p left join credit_ledger l on l.payment_id = p.id and l.kind = 'purchase'
    group by p.id
    having count(l.id) <> (case when p.credited_at is null then 0 else 1 end)`);
  return [
    ...balances.map((r) => ({
      kind: "balance-differs" as const,
      userId: r.user_id,
      balance: toNumber(r.balance),
      ledgerSum: toNumber(r.ledger_sum),
    })),
    ...lotTotals.map((r) => {
      const [balance, lotsRemaining, debt] = [toNumber(r.balance), toNumber(r.remaining), toNumber(r.debt)];
      return balance !== lotsRemaining - debt
        ? { kind: "lots-differ" as const, userId: r.user_id, balance, lotsRemaining, debt }
        : { kind: "debt-beside-credits" as const, userId: r.user_id, lotsRemaining, debt };
    }),
    ...lots.map((r) => ({
      kind: "lot-differs-from-draws" as const,
      lotId: toNumber(r.lot_id),
      granted: toNumber(r.granted),
      remaining: toNumber(r.remaining),
      drawn: toNumber(r.drawn),
    })),
    ...purchases.map((r) => ({
      kind: "purchase-count" as const,
      paymentId: r.payment_id,
      purchaseRows: toNumber(r.purchase_rows),
      credited: r.credited,
    })),
  ];
}
