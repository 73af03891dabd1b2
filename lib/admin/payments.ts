import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { creditLedger, creditLots, paymentStatus, payments, users, webhookEvents, type Payment, type PaymentStatus } from "@/db/schema";
import { id, text } from "@/lib/http/input";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { callPortOne, portoneErrorType } from "@/lib/portone/server";
import { paidByVirtualAccount } from "@/lib/payments/payment-method";
import { portonePaymentView, type PortOnePaymentView } from "./portone-payment-view";

/** A day in Korean time, as the console's date fields send it. */
export const kstDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+09:00`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "not a real date");

const DAY_MS = 86_400_000;
/** The first instant of a KST day. */
export const kstDayStart = (day: string) => new Date(`${day}T00:00:00+09:00`);
/** The first instant after a KST day. */
export const kstDayEnd = (day: string) => new Date(kstDayStart(day).getTime() + DAY_MS);

/** The list's position: the last row's created_at in microseconds (Postgres keeps them; a JS Date would drop them) and its id. */
const cursorSchema = z.tuple([z.string().regex(/^\d{1,17}$/), id()]);
type Cursor = z.infer<typeof cursorSchema>;

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

function decodeCursor(value: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
  } catch {
    throw new Problem(400, "INVALID_INPUT", "The request is not valid", "cursor: not a cursor this list gave out");
  }
}

export const paymentSearchQuery = z
  .object({
    q: text().trim().max(254).optional(),
    status: z.enum(paymentStatus.enumValues).optional(),
    from: kstDate.optional(),
    to: kstDate.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: text().max(400).optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "from must not be after to", path: ["from"] });

export type PaymentSearch = z.infer<typeof paymentSearchQuery>;

export type AdminPaymentItem = {
  paymentId: string;
  userId: string;
  email: string;
  packId: string;
  amount: number;
  status: PaymentStatus;
  cancelledAmount: number;
  createdAt: string;
  paidAt: string | null;
};

/** `LIKE 'prefix%'` with the prefix's own % and _ (and the escape) taken literally, so users_email_prefix_idx serves it. */
export function emailPrefixPattern(q: string): string {
  return `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const createdMicros = sql<string>`(extract(epoch from ${payments.createdAt}) * 1000000)::bigint::text`;

const itemColumns = {
  paymentId: payments.id,
  userId: payments.userId,
  email: users.email,
  packId: payments.packId,
  amount: payments.amount,
  status: payments.status,
  cancelledAmount: payments.cancelledAmount,
  createdAt: payments.createdAt,
  paidAt: payments.paidAt,
  micros: createdMicros,
};

type Row = Awaited<ReturnType<typeof selectItems>>[number];

function selectItems(where: SQL | undefined, limit: number) {
  return getDb()
    .select(itemColumns)
    .from(payments)
    .innerJoin(users, eq(users.id, payments.userId))
    .where(where)
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit);
}

const newerFirst = (a: Row, b: Row) => {
  const d = BigInt(b.micros) - BigInt(a.micros);
  return d !== 0n ? (d > 0n ? 1 : -1) : b.paymentId.localeCompare(a.paymentId);
};

/**
 * Payments, newest first, `limit` at a time (keyset on created_at and id, so
 * pages never repeat or skip a row however the table grows). `q` is a
 * paymentId (exact) or the start of an email: the two are asked separately,
 * each by its own index, and merged, since one OR across the join would scan
 * every payment.
 */
export async function searchPayments(query: PaymentSearch): Promise<{ items: AdminPaymentItem[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const filters = and(
    query.status ? eq(payments.status, query.status) : undefined,
    query.from ? gte(payments.createdAt, kstDayStart(query.from)) : undefined,
    query.to ? lt(payments.createdAt, kstDayEnd(query.to)) : undefined,
    cursor
      ? sql`(${payments.createdAt}, ${payments.id}) < (timestamptz 'epoch' + ${cursor[0]}::bigint * interval '1 microsecond', ${cursor[1]})`
      : undefined,
  );
  const take = query.limit + 1;
  let rows: Row[];
  if (query.q) {
    const [byEmail, byId] = await Promise.all([
      selectItems(and(filters, sql`${users.email} like ${emailPrefixPattern(query.q)} escape '\\'`), take),
      selectItems(and(filters, eq(payments.id, query.q)), 1),
    ]);
    rows = [...byEmail, ...byId.filter((r) => !byEmail.some((e) => e.paymentId === r.paymentId))].sort(newerFirst).slice(0, take);
  } else {
    rows = await selectItems(filters, take);
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      paymentId: r.paymentId,
      userId: r.userId,
      email: r.email,
      packId: r.packId,
      amount: r.amount,
      status: r.status,
      cancelledAmount: r.cancelledAmount,
      createdAt: r.createdAt.toISOString(),
      paidAt: r.paidAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.micros, last.paymentId]) : null,
  };
}

export class AdminPaymentNotFound extends Problem {
  constructor() {
    super(404, "PAYMENT_NOT_FOUND", "Payment not found", "There is no payment with this id.");
  }
}

/** The payment and its customer (balance and debt as they are now); 404 when there is no such payment. */
export async function findPaymentWithCustomer(paymentId: string): Promise<{
  payment: Payment;
  customer: { userId: string; email: string; balance: number; debt: number };
}> {
  const [row] = await getDb()
    .select({ payment: payments, email: users.email, balance: users.creditBalance, debt: users.creditDebt })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.userId))
    .where(eq(payments.id, paymentId));
  if (!row) throw new AdminPaymentNotFound();
  return { payment: row.payment, customer: { userId: row.payment.userId, email: row.email, balance: row.balance, debt: row.debt } };
}

/** What PortOne says about the payment now (only what the console shows), or why it could not be asked. */
async function askPortOne(paymentId: string): Promise<{ portone: PortOnePaymentView | null; portoneError?: string }> {
  let answer: unknown;
  try {
    answer = await callPortOne((client) => client.getPayment({ paymentId }));
  } catch (error) {
    const type = portoneErrorType(error);
    if (type === "PAYMENT_NOT_FOUND") return { portone: null, portoneError: "PortOne에 이 결제가 없습니다 (PAYMENT_NOT_FOUND)." };
    return { portone: null, portoneError: `PortOne에 물어볼 수 없습니다: ${error instanceof Error ? error.message : String(error)}` };
  }
  const view = portonePaymentView.safeParse(answer);
  if (view.success) return { portone: view.data };
  log.warn({ paymentId, issues: view.error.issues }, "PortOne's payment is not in the shape the console reads");
  return { portone: null, portoneError: "PortOne의 답을 읽을 수 없습니다 (예상과 다른 형식)." };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toAdminPaymentView(p: Payment, email: string) {
  return {
    paymentId: p.id,
    userId: p.userId,
    email,
    packId: p.packId,
    orderName: p.orderName,
    credits: p.credits,
    paidCredits: p.paidCredits,
    bonusCredits: p.bonusCredits,
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    cancelledAmount: p.cancelledAmount,
    payMethod: p.payMethod,
    failureReason: p.failureReason,
    portoneTransactionId: p.portoneTransactionId,
    createdAt: p.createdAt.toISOString(),
    paidAt: iso(p.paidAt),
    cancelledAt: iso(p.cancelledAt),
    creditedAt: iso(p.creditedAt),
    refundRequestedAt: iso(p.refundRequestedAt),
    refundAccountRequired: paidByVirtualAccount(p),
  };
}

/** Everything the console shows about one payment: ours, PortOne's (live), its webhook deliveries, ledger rows and lots. */
export async function getPaymentDetail(paymentId: string) {
  const { payment, customer } = await findPaymentWithCustomer(paymentId);
  const db = getDb();
  const [remote, webhooks, ledger, lots] = await Promise.all([
    askPortOne(paymentId),
    db
      .select({
        webhookId: webhookEvents.webhookId,
        type: webhookEvents.type,
        receivedAt: webhookEvents.receivedAt,
        processedAt: webhookEvents.processedAt,
        outcome: webhookEvents.outcome,
      })
      .from(webhookEvents)
      .where(eq(webhookEvents.paymentId, paymentId))
      .orderBy(asc(webhookEvents.receivedAt)),
    db.select().from(creditLedger).where(eq(creditLedger.paymentId, paymentId)).orderBy(asc(creditLedger.id)),
    db.select().from(creditLots).where(eq(creditLots.paymentId, paymentId)).orderBy(asc(creditLots.id)),
  ]);
  return {
    payment: toAdminPaymentView(payment, customer.email),
    customer,
    ...remote,
    webhooks: webhooks.map((w) => ({ ...w, receivedAt: w.receivedAt.toISOString(), processedAt: iso(w.processedAt) })),
    ledger: ledger.map((e) => ({
      id: e.id,
      delta: e.delta,
      kind: e.kind,
      balanceAfter: e.balanceAfter,
      idempotencyKey: e.idempotencyKey,
      createdAt: e.createdAt.toISOString(),
    })),
    lots: lots.map((l) => ({
      id: l.id,
      kind: l.kind,
      source: l.source,
      granted: l.granted,
      remaining: l.remaining,
      grantedAt: l.grantedAt.toISOString(),
      expiresAt: l.expiresAt.toISOString(),
    })),
  };
}

export type PaymentDetail = Awaited<ReturnType<typeof getPaymentDetail>>;

/** A query string as an object, empty fields left out (an untouched form field means "any"). */
export function queryFields(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  return Object.fromEntries(entries.flatMap(([k, v]) => (typeof v === "string" && v !== "" ? [[k, v]] : [])));
}
