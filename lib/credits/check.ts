import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

export type LedgerProblem =
  | { kind: "balance-differs"; userId: string; balance: number; ledgerSum: number }
  | { kind: "purchase-count"; paymentId: string; purchaseRows: number; credited: boolean };

/**
 * Proves the ledger's invariants over the whole database: every balance equals
 * the sum of its ledger rows, and a payment has a purchase row exactly when it
 * is marked credited, never more than one. An empty list means all is well.
 */
export async function checkLedger(): Promise<LedgerProblem[]> {
  const db = getDb();
  // Aggregates over outer joins: clearer in SQL than in the query builder.
  const balances = await db.execute<{ user_id: string; balance: string; ledger_sum: string }>(sql`
    select u.id as user_id, u.credit_balance as balance, coalesce(sum(l.delta), 0) as ledger_sum
    from users u left join credit_ledger l on l.user_id = u.id
    group by u.id
    having u.credit_balance <> coalesce(sum(l.delta), 0)`);
  const purchases = await db.execute<{ payment_id: string; purchase_rows: string; credited: boolean }>(sql`
    select p.id as payment_id, count(l.id) as purchase_rows, p.credited_at is not null as credited
    from payments p left join credit_ledger l on l.payment_id = p.id and l.kind = 'purchase'
    group by p.id
    having count(l.id) <> (case when p.credited_at is null then 0 else 1 end)`);
  return [
    ...balances.map((r) => ({
      kind: "balance-differs" as const,
      userId: r.user_id,
      balance: Number(r.balance),
      ledgerSum: Number(r.ledger_sum),
    })),
    ...purchases.map((r) => ({
      kind: "purchase-count" as const,
      paymentId: r.payment_id,
      purchaseRows: Number(r.purchase_rows),
      credited: r.credited,
    })),
  ];
}
