import { randomBytes, randomUUID } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { creditHolds, creditLotDraws, creditLots, users } from "@/db/schema";
import { checkLedger } from "@/lib/credits/check";
import { releaseHold } from "@/lib/credits/holds";
import { refundPayment } from "@/lib/payments/refund";
import { syncPayment } from "@/lib/payments/sync";
import { callPortOne } from "@/lib/portone/server";
import { freePort } from "@/scripts/processes";
import { balanceOf, ledgerOf, paymentRow, sandbox } from "../support/app";

/*
 * The lots of balances that existed before lots did (db/migrations/0008's DO block):
 * a database at migration 0006 with data in the old shape, then every migration,
 * then the app's own code against it. The app's pool is pointed at that database
 * for this file only (files run one at a time, each in a worker of its own).
 */

const DAY_MS = 86_400_000;
const migrationsFolder = path.join(process.cwd(), "db", "migrations");
const LAST_OLD_MIGRATION = 6;

type Database = { url: string; drop(): Promise<void> };

async function emptyDatabase(): Promise<Database> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const embedded = await startEmbeddedPostgres({ dataDir: "memory://", port: await freePort() });
    return { url: embedded.url, drop: embedded.stop };
  }
  const name = `ainfo_lots_migration_${randomBytes(6).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Applies migrations 0000 to 0006 only: a copy of the folder whose journal stops there. */
async function migrateToPreviousVersion(url: string) {
  const folder = await mkdtemp(path.join(tmpdir(), "ainfo-migrations-"));
  try {
    await cp(migrationsFolder, folder, { recursive: true });
    const journalPath = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: Array<{ idx: number; tag: string }> };
    journal.entries = journal.entries.filter((e) => e.idx <= LAST_OLD_MIGRATION);
    expect(journal.entries.at(-1)!.tag).toBe("0006_hardening");
    await writeFile(journalPath, JSON.stringify(journal));
    const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
    try {
      await migrate(drizzle(sql), { migrationsFolder: folder });
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
const ids = {
  buyer: randomUUID(),
  debtor: randomUUID(),
  revoked: randomUUID(),
  holder: randomUUID(),
  longAgo: randomUUID(),
  owing: randomUUID(),
};
const pay = {
  buyer100: `old-${randomUUID()}`,
  buyer550: `old-${randomUUID()}`,
  buyer1200: `old-${randomUUID()}`,
  debtor550: `old-${randomUUID()}`,
  revoked100: `old-${randomUUID()}`,
  holder550: `old-${randomUUID()}`,
  longAgo550: `old-${randomUUID()}`,
  owing100: `old-${randomUUID()}`,
};
const PACKS = { "credits-100": [100, 1000], "credits-550": [550, 5000], "credits-1200": [1200, 10000] } as const;

/** The previous version's data, written as it wrote it: balances, ledger rows, holds with `hold:<id>` reserve rows. */
async function insertOldData(url: string) {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const user = (id: string, balance: number) =>
      sql`insert into users (id, email, password_hash, credit_balance) values (${id}, ${`${id}@example.com`}, 'x', ${balance})`;
    const payment = (
      id: string,
      userId: string,
      packId: keyof typeof PACKS,
      paidAt: Date,
      extra: { status?: string; cancelledAmount?: number; refundRequested?: boolean } = {},
    ) => sql`
      insert into payments (id, user_id, pack_id, order_name, credits, amount, currency, status, cancelled_amount, paid_at, credited_at, created_at, refund_requested_at)
      values (${id}, ${userId}, ${packId}, ${packId}, ${PACKS[packId][0]}, ${PACKS[packId][1]}, 'KRW', ${extra.status ?? "PAID"},
              ${extra.cancelledAmount ?? 0}, ${paidAt}, ${paidAt}, ${paidAt}, ${extra.refundRequested ? new Date() : null})`;
    let balance = 0;
    const ledger = async (userId: string, delta: number, kind: string, key: string, paymentId: string | null = null) => {
      balance += delta;
      const [row] = await sql<Array<{ id: string }>>`
        insert into credit_ledger (user_id, delta, kind, payment_id, idempotency_key, balance_after)
        values (${userId}, ${delta}, ${kind}, ${paymentId}, ${key}, ${balance}) returning id`;
      return row!.id;
    };

    // Bought each pack, oldest first, and spent 300: 1,550 left.
    balance = 0;
    await user(ids.buyer, 1550);
    await payment(pay.buyer100, ids.buyer, "credits-100", ago(10));
    await ledger(ids.buyer, 100, "purchase", pay.buyer100, pay.buyer100);
    await payment(pay.buyer550, ids.buyer, "credits-550", ago(5));
    await ledger(ids.buyer, 550, "purchase", pay.buyer550, pay.buyer550);
    await payment(pay.buyer1200, ids.buyer, "credits-1200", ago(1));
    await ledger(ids.buyer, 1200, "purchase", pay.buyer1200, pay.buyer1200);
    await ledger(ids.buyer, -300, "spend", randomUUID());

    // Spent 100 of a 550 pack that the console then cancelled in full: a balance of -100.
    balance = 0;
    await user(ids.debtor, -100);
    await payment(pay.debtor550, ids.debtor, "credits-550", ago(3), { status: "CANCELLED", cancelledAmount: 5000 });
    await ledger(ids.debtor, 550, "purchase", pay.debtor550, pay.debtor550);
    await ledger(ids.debtor, -100, "spend", randomUUID());
    await ledger(ids.debtor, -550, "revoke", `cancellation:${randomUUID()}`, pay.debtor550);

    // A 100 pack revoked in full by a console cancel, and 70 an operator gave.
    balance = 0;
    await user(ids.revoked, 70);
    await payment(pay.revoked100, ids.revoked, "credits-100", ago(20), { status: "CANCELLED", cancelledAmount: 1000 });
    await ledger(ids.revoked, 100, "purchase", pay.revoked100, pay.revoked100);
    await ledger(ids.revoked, -100, "revoke", `cancellation:${randomUUID()}`, pay.revoked100);
    await ledger(ids.revoked, 70, "adjust", "gift");

    // 200 from an operator, a 550 pack, then an open chat hold of 10 and an open refund hold of the whole pack.
    balance = 0;
    await user(ids.holder, 190);
    await ledger(ids.holder, 200, "adjust", "welcome");
    await payment(pay.holder550, ids.holder, "credits-550", ago(2), { refundRequested: true });
    await ledger(ids.holder, 550, "purchase", pay.holder550, pay.holder550);
    const [chatHold] = await sql<Array<{ id: string }>>`
      insert into credit_holds (user_id, idempotency_key, amount, status) values (${ids.holder}, ${randomUUID()}, 10, 'held') returning id`;
    await ledger(ids.holder, -10, "reserve", `hold:${chatHold!.id}`);
    const [refundHold] = await sql<Array<{ id: string }>>`
      insert into credit_holds (user_id, idempotency_key, amount, payment_id, status)
      values (${ids.holder}, ${`refund:${pay.holder550}:${randomUUID()}`}, 550, ${pay.holder550}, 'held') returning id`;
    await ledger(ids.holder, -550, "reserve", `hold:${refundHold!.id}`, pay.holder550);

    // A chat hold of 10 still open from before the console cancelled the 100 pack it came from: -100, and 10 held.
    balance = 0;
    await user(ids.owing, -100);
    await payment(pay.owing100, ids.owing, "credits-100", ago(4), { status: "CANCELLED", cancelledAmount: 1000 });
    await ledger(ids.owing, 100, "purchase", pay.owing100, pay.owing100);
    const [owingHold] = await sql<Array<{ id: string }>>`
      insert into credit_holds (user_id, idempotency_key, amount, status) values (${ids.owing}, ${randomUUID()}, 10, 'held') returning id`;
    await ledger(ids.owing, -10, "reserve", `hold:${owingHold!.id}`);
    await ledger(ids.owing, -90, "spend", randomUUID());
    await ledger(ids.owing, -100, "revoke", `cancellation:${randomUUID()}`, pay.owing100);

    // A 550 pack bought 400 days ago and never used.
    balance = 0;
    await user(ids.longAgo, 550);
    await payment(pay.longAgo550, ids.longAgo, "credits-550", ago(400));
    await ledger(ids.longAgo, 550, "purchase", pay.longAgo550, pay.longAgo550);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Makes PortOne (the sandbox) know an old payment as paid, for the amount the order says. */
async function paidAtPortOne(paymentId: string, amount: number) {
  await callPortOne((client) => client.preRegisterPayment({ paymentId, totalAmount: amount, currency: "KRW" }));
  await sandbox.pay(paymentId);
}

const lotsOf = (userId: string) =>
  getDb()
    .select()
    .from(creditLots)
    .where(eq(creditLots.userId, userId))
    .orderBy(asc(creditLots.expiresAt), asc(creditLots.kind), asc(creditLots.grantedAt), asc(creditLots.id));
const lotSummary = async (userId: string) =>
  (await lotsOf(userId)).map((l) => [l.kind, l.source, l.paymentId, l.granted, l.remaining]);
const openHolds = (userId: string) =>
  getDb().select().from(creditHolds).where(and(eq(creditHolds.userId, userId), eq(creditHolds.status, "held"))).orderBy(asc(creditHolds.id));

let database: Database;
let suiteDatabaseUrl: string | undefined;

beforeAll(async () => {
  database = await emptyDatabase();
  await migrateToPreviousVersion(database.url);
  await insertOldData(database.url);
  await migrateDatabase(database.url);
  await closeDb();
  suiteDatabaseUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = database.url;
}, 180_000);

afterAll(async () => {
  await closeDb();
  process.env.DATABASE_URL = suiteDatabaseUrl;
  await database?.drop();
});

describe("migrating balances that existed before lots", () => {
  it("leaves a ledger that checks clean", async () => {
    expect(await checkLedger()).toEqual([]);
  });

  it("explains each balance with lots: purchases newest first, each paid part before its bonus", async () => {
    expect(await balanceOf(ids.buyer)).toBe(1550);
    // 1,550 credits: the whole 1,200 pack, then 350 of the 550 pack (paid), nothing of the oldest.
    expect(await lotSummary(ids.buyer)).toEqual([
      ["bonus", "purchase", pay.buyer1200, 200, 200],
      ["paid", "purchase", pay.buyer550, 350, 350],
      ["paid", "purchase", pay.buyer1200, 1000, 1000],
    ]);
    const lots = await lotsOf(ids.buyer);
    const paid1200 = lots.find((l) => l.paymentId === pay.buyer1200 && l.kind === "paid")!;
    expect(paid1200.grantedAt.getTime()).toBe((await paymentRow(pay.buyer1200)).paidAt!.getTime());
    expect(paid1200.expiresAt.getTime() - paid1200.grantedAt.getTime()).toBe(1825 * DAY_MS);
  });

  it("turns a negative balance into a debt with no lots, and a revoked purchase's credits into nothing", async () => {
    expect(await balanceOf(ids.debtor)).toBe(-100);
    const [debtor] = await getDb().select().from(users).where(eq(users.id, ids.debtor));
    expect(debtor!.creditDebt).toBe(100);
    expect((await lotsOf(ids.debtor)).filter((l) => l.remaining > 0)).toEqual([]);

    // The operator's 70 credits are what the revoked purchase cannot explain: one legacy bonus lot.
    expect(await lotSummary(ids.revoked)).toEqual([["bonus", "legacy", null, 70, 70]]);
  });

  it("never lets a migrated lot expire within 30 days, however old its purchase", async () => {
    const lots = await lotsOf(ids.longAgo);
    expect(lots.map((l) => [l.kind, l.remaining])).toEqual([
      ["bonus", 50],
      ["paid", 500],
    ]);
    expect(lots[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
  });

  it("gives open holds their reserve row and the draws that cover them, a refund's from its own payment", async () => {
    expect(await balanceOf(ids.holder)).toBe(190);
    const [chat, refund] = await openHolds(ids.holder);
    for (const hold of [chat!, refund!]) {
      expect(hold.reserveEntryId).not.toBeNull();
      const draws = await getDb().select().from(creditLotDraws).where(eq(creditLotDraws.ledgerEntryId, hold.reserveEntryId!));
      expect(draws.reduce((sum, d) => sum + d.credits, 0)).toBe(hold.amount);
    }
    const lots = await lotsOf(ids.holder);
    const refundDraws = await getDb().select().from(creditLotDraws).where(eq(creditLotDraws.ledgerEntryId, refund!.reserveEntryId!));
    const fromPayment = refundDraws
      .filter((d) => lots.find((l) => l.id === d.lotId)!.paymentId === pay.holder550)
      .reduce((sum, d) => sum + d.credits, 0);
    // What the payment's lots still had went to its refund hold (the chat hold, older, drew 10 of its bonus first).
    expect(fromPayment).toBe(540);
    expect(lots.reduce((sum, l) => sum + l.remaining, 0)).toBe(190);
  });

  it("a hold open beside a debt gives its credits to the debt when released", async () => {
    expect(await balanceOf(ids.owing)).toBe(-100);
    const [hold] = await openHolds(ids.owing);
    const [before] = await getDb().select().from(users).where(eq(users.id, ids.owing));
    expect(before!.creditDebt).toBe(100);
    expect(await releaseHold(hold!.id)).toBe(true);
    expect(await balanceOf(ids.owing)).toBe(-90);
    const [after] = await getDb().select().from(users).where(eq(users.id, ids.owing));
    expect(after!.creditDebt).toBe(90);
    expect((await lotsOf(ids.owing)).filter((l) => l.remaining > 0)).toEqual([]);
    expect(await checkLedger()).toEqual([]);
  });

  it("releases the migrated chat hold and settles the migrated refund once PortOne cancels it", async () => {
    const [chat] = await openHolds(ids.holder);
    expect(await releaseHold(chat!.id)).toBe(true);
    expect(await balanceOf(ids.holder)).toBe(200);

    await paidAtPortOne(pay.holder550, 5000);
    await sandbox.cancel(pay.holder550);
    const synced = await syncPayment(pay.holder550);
    expect(synced).toMatchObject({ ours: true, payment: { status: "CANCELLED" } });
    expect(await openHolds(ids.holder)).toEqual([]);
    // The operator's 200 stay; the pack's 550 are gone.
    expect(await balanceOf(ids.holder)).toBe(200);
    expect((await ledgerOf(ids.holder)).slice(-2).map((e) => [e.kind, e.delta])).toEqual([
      ["release", 550],
      ["revoke", -550],
    ]);
    expect(await checkLedger()).toEqual([]);
  });

  it("refunds a migrated purchase by its lots: the untouched 1,200 pack in full", async () => {
    await paidAtPortOne(pay.buyer1200, 10000);
    const result = await refundPayment(ids.buyer, pay.buyer1200, { expectedAmount: 10000 });
    expect(result).toMatchObject({ status: "CANCELLED", refundedAmount: 10000, balance: 350 });
    expect((await ledgerOf(ids.buyer)).slice(-2).map((e) => [e.kind, e.delta])).toEqual([
      ["revoke", -1000],
      ["void", -200],
    ]);
    expect(await checkLedger()).toEqual([]);
  });
});
