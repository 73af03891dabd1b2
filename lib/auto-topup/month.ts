import { and, eq, gte, ne, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { payments } from "@/db/schema";

/**
 * The start of the current month in Korea (UTC+9, no daylight saving), as the
 * database's clock sees it. Written with a fixed offset because the embedded
 * database carries no time-zone data.
 */
export const KOREAN_MONTH_START = sql`((date_trunc('month', (now() at time zone 'UTC') + interval '9 hours') - interval '9 hours') at time zone 'UTC')`;

/**
 * What auto top-up charged this month: every top-up not failed, those still in
 * flight included, so the cap holds before PortOne has answered.
 */
export async function monthChargedKrw(db: Database | Transaction, userId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${payments.amount}), 0)` })
    .from(payments)
    .where(
      and(
        eq(payments.userId, userId),
        eq(payments.trigger, "AUTO_TOPUP"),
        ne(payments.status, "FAILED"),
        gte(payments.createdAt, KOREAN_MONTH_START),
      ),
    );
  return Number(row?.total ?? 0);
}
