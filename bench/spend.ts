import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { closeDb, getDb } from "@/db/client";
import { isEmbeddedUrl } from "@/db/embedded-url";
import { createScratchDatabase } from "@/db/scratch";
import { checkLedger } from "@/lib/credits/check";
import { grantFreeCredits } from "@/lib/credits/grants";
import { spendCredits } from "@/lib/credits/spend";
import { createUsers } from "./fixtures";

export const CLIENTS = 16;

export type SpendRow = { accounts: number; spendPerSecond: number; barePerSecond: number };
export type SpendReport = { rows: SpendRow[]; ledgerClean: boolean };

/** `operations` calls of `op`, from CLIENTS concurrent workers; returns operations per second. */
async function rate(operations: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < operations; i = next++) await op(i);
    }),
  );
  return operations / ((performance.now() - started) / 1000);
}

/**
 * lib/credits' spend (conditional update plus ledger row, idempotency key)
 * against the bare conditional UPDATE on the same database and client count,
 * on one hot account and spread over 1,000.
 */
export async function benchSpending(serverUrl: string | undefined, operations: number): Promise<SpendReport> {
  const database = await createScratchDatabase(serverUrl);
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_SIZE = String(CLIENTS);
  const bare = postgres(database.url, { max: CLIENTS, prepare: !isEmbeddedUrl(database.url), onnotice: () => {} });
  try {
    const accounts = await createUsers(1000);
    await getDb().transaction(async (tx) => {
      for (const userId of accounts) {
        await grantFreeCredits(tx, { userId, credits: 1_000_000, idempotencyKey: "bench-start" });
      }
    });
    // The baseline's own table, shaped like users' balance column, so its ledger-less updates leave the ledger whole.
    await bare`create table bench_balances (id uuid primary key, credit_balance bigint not null)`;
    await bare`insert into bench_balances select id, credit_balance from users`;
    const rows: SpendRow[] = [];
    for (const spread of [1, 1000]) {
      const pick = (i: number) => accounts[i % spread]!;
      const barePerSecond = await rate(operations, (i) =>
        bare`update bench_balances set credit_balance = credit_balance - 1 where id = ${pick(i)} and credit_balance >= 1`,
      );
      const spendPerSecond = await rate(operations, (i) => spendCredits({ userId: pick(i), amount: 1, idempotencyKey: randomUUID() }));
      rows.push({ accounts: spread, spendPerSecond, barePerSecond });
    }
    return { rows, ledgerClean: (await checkLedger()).length === 0 };
  } finally {
    await bare.end({ timeout: 5 });
    await closeDb();
    await database.drop();
  }
}
