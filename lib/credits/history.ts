import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { getDb, readSnapshot, type Database, type Transaction } from "@/db/client";
import { creditLedger, type LedgerKind } from "@/db/schema";
import { getBalance } from "@/lib/accounts/users";
import { listOpenLots, type LotView } from "./lots";
import { keysetPage } from "@/lib/keyset-page";

export type LedgerEntryView = {
  id: number;
  delta: number;
  kind: LedgerKind;
  paymentId: string | null;
  balanceAfter: number;
  createdAt: string;
};

export const ledgerPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  // An id beyond the safe integers would reach Postgres as an out-of-range bigint: a 500, not a 400.
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

export type LedgerPage = { balance: number; entries: LedgerEntryView[]; nextBefore: number | null };

/** The balance and the newest ledger entries, `limit` at a time; pass `nextBefore` back as `before` for older ones. */
export async function ledgerPage(
  userId: string,
  query: z.infer<typeof ledgerPageQuery>,
  db: Database | Transaction = getDb(),
): Promise<LedgerPage> {
  const rows = await db
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.userId, userId), query.before ? lt(creditLedger.id, query.before) : undefined))
    .orderBy(desc(creditLedger.id))
    .limit(query.limit + 1);
  const { items: entries, next } = keysetPage(rows, query.limit, (r) => ({
    id: r.id,
    delta: r.delta,
    kind: r.kind,
    paymentId: r.paymentId,
    balanceAfter: r.balanceAfter,
    createdAt: r.createdAt.toISOString(),
  }));
  return { balance: await getBalance(userId, db), entries, nextBefore: next };
}

/** A page of the ledger with the open lots, read in one snapshot so the two agree. */
export function creditHistory(userId: string, query: z.infer<typeof ledgerPageQuery>): Promise<LedgerPage & { lots: LotView[] }> {
  return readSnapshot(async (db) => {
    const [page, lots] = await Promise.all([ledgerPage(userId, query, db), listOpenLots(userId, db)]);
    return { ...page, lots };
  });
}
