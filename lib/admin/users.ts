import { desc, eq, like } from "drizzle-orm";
import { z } from "zod";
import { getAutoTopUp, type AutoTopUpView } from "@/lib/auto-topup/settings";
import { getDb, readSnapshot } from "@/db/client";
import { users, type UserRole } from "@/db/schema";
import { ledgerPage, type LedgerEntryView } from "@/lib/credits/history";
import { listOpenLots, type LotView } from "@/lib/credits/lots";
import { text } from "@/lib/http/input";
import { Problem } from "@/lib/http/problem";
import { listOwnPayments, type PaymentView } from "@/lib/payments/queries";
import { escapeLike } from "./audit";

const SEARCH_LIMIT = 50;

export const userSearchQuery = z.object({
  q: text().trim().max(254, "q is over 254 characters").default(""),
});

export type UserSummary = { userId: string; email: string; balance: number; role: UserRole; createdAt: string };

export class UserNotFound extends Problem {
  constructor() {
    super(404, "USER_NOT_FOUND", "No such user", "There is no account with this id.");
  }
}

/** Accounts whose email starts with `q` (any case), at most 50; without `q`, the newest accounts. */
export async function searchUsers(query: z.infer<typeof userSearchQuery>): Promise<UserSummary[]> {
  const prefix = query.q.toLowerCase();
  const rows = await getDb()
    .select({ userId: users.id, email: users.email, balance: users.creditBalance, role: users.role, createdAt: users.createdAt })
    .from(users)
    // Prefix only, so users_email_prefix_idx (text_pattern_ops) answers it.
    .where(prefix ? like(users.email, `${escapeLike(prefix)}%`) : undefined)
    .orderBy(prefix ? users.email : desc(users.createdAt))
    .limit(SEARCH_LIMIT);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

const userIdSchema = z.uuid();

/** A user id from a URL: anything that is not a uuid names no user (and must not reach Postgres as one). */
export function parseUserId(value: string): string {
  const parsed = userIdSchema.safeParse(value);
  if (!parsed.success) throw new UserNotFound();
  return parsed.data;
}

export type UserDetail = UserSummary & {
  debt: number;
  lots: LotView[];
  ledger: LedgerEntryView[];
  payments: PaymentView[];
  autoTopUp: AutoTopUpView;
};

/** Everything the console shows about one account: balance and debt, open lots, newest ledger rows and payments, auto top-up. */
export async function userDetail(userId: string): Promise<UserDetail> {
  const id = parseUserId(userId);
  return readSnapshot(async (db) => {
    const [row] = await db
      .select({
        userId: users.id,
        email: users.email,
        balance: users.creditBalance,
        debt: users.creditDebt,
        role: users.role,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(eq(users.id, id));
    if (!row) throw new UserNotFound();
    const [lots, ledger, payments, autoTopUp] = await Promise.all([
      listOpenLots(row.userId, db),
      ledgerPage(row.userId, { limit: 50 }, db),
      listOwnPayments(row.userId, undefined, db),
      getAutoTopUp(row.userId, db),
    ]);
    return { ...row, createdAt: row.createdAt.toISOString(), lots, ledger: ledger.entries, payments, autoTopUp };
  });
}
