import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { closeDb, getDb } from "@/db/client";
import { isEmbeddedUrl } from "@/db/embedded-url";
import { createScratchDatabase } from "@/scripts/scratch-database";
import { checkLedger } from "@/lib/credits/check";
import { spendCredits } from "@/lib/credits/spend";
import { withSandboxDefaults } from "@/scripts/sandbox-env";
import { createUsers, giveLots } from "./fixtures";

export const CLIENTS = 16;
/** Bare and lots runs alternate in rounds, so a neighbour's load on this shared machine weighs on both alike. */
const ROUNDS = 4;

export type SpendRow = { accounts: number; spendPerSecond: number; barePerSecond: number; crossingDraws: number };
export type SpendReport = { rows: SpendRow[]; ledgerClean: boolean };

/** A premium chat message's 10 credits every tenth spend, 1 credit otherwise: the same amounts for both runs. */
const amountOf = (i: number) => (i % 10 === 9 ? 10 : 1);

/** Calls `op` for indexes [from, to), from CLIENTS concurrent workers; returns the seconds it took. */
async function timed(from: number, to: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = from;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < to; i = next++) await op(i);
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * lib/credits' spend (debit_credits: the conditional debit, its ledger row and
 * its lot draws, in one round trip) against the bare conditional UPDATE of the
 * same users' balances with the same amounts, on the same database and client
 * count, on one hot account and spread over 1,000. Every account has several
 * lots (bench/fixtures.ts giveLots). The bare runs' changes are undone after
 * each round, so the ledger check at the end covers the spends alone.
 */
export async function benchSpending(serverUrl: string | undefined, operations: number): Promise<SpendReport> {
  const database = await createScratchDatabase(serverUrl);
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_SIZE = String(CLIENTS);
  // lib/credits reads the app's configuration (the lots' validity); nothing here talks to PortOne.
  Object.assign(process.env, withSandboxDefaults({ ...process.env }));
  const bare = postgres(database.url, { max: CLIENTS, prepare: !isEmbeddedUrl(database.url), onnotice: () => {} });
  try {
    const accounts = await createUsers(1000);
    await giveLots(accounts);
    await bare`create table bench_saved_balances (id uuid primary key, credit_balance bigint not null)`;
    const rows: SpendRow[] = [];
    const perRound = Math.ceil(operations / ROUNDS);
    for (const spread of [1, 1000]) {
      const pick = (i: number) => accounts[i % spread]!;
      const drawsBefore = await crossingDraws(bare);
      let bareSeconds = 0;
      let spendSeconds = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const [from, to] = [round * perRound, Math.min(operations, (round + 1) * perRound)];
        await bare`insert into bench_saved_balances select id, credit_balance from users`;
        await bare`vacuum analyze users, credit_lots`;
        // Through the app's own pool, as the spend goes: the two differ in their SQL alone.
        bareSeconds += await timed(from, to, (i) => {
          const n = amountOf(i);
          return getDb().$client`update users set credit_balance = credit_balance - ${n} where id = ${pick(i)} and credit_balance >= ${n}`;
        });
        await bare`update users u set credit_balance = s.credit_balance from bench_saved_balances s where s.id = u.id`;
        await bare`truncate bench_saved_balances`;
        await bare`vacuum analyze users, credit_lots`;
        spendSeconds += await timed(from, to, (i) => spendCredits({ userId: pick(i), amount: amountOf(i), idempotencyKey: randomUUID() }));
      }
      rows.push({
        accounts: spread,
        barePerSecond: operations / bareSeconds,
        spendPerSecond: operations / spendSeconds,
        crossingDraws: (await crossingDraws(bare)) - drawsBefore,
      });
    }
    return { rows, ledgerClean: (await checkLedger()).length === 0 };
  } finally {
    await bare.end({ timeout: 5 });
    await closeDb();
    await database.drop();
  }
}

/** Ledger rows that drew from more than one lot. */
async function crossingDraws(db: postgres.Sql): Promise<number> {
  const [row] = await db<{ n: string }[]>`
    select count(*) as n from (select 1 from credit_lot_draws group by ledger_entry_id having count(*) > 1) crossing`;
  return Number(row!.n);
}
