import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, type Database, type Transaction } from "@/db/client";
import { payments, users, type Payment, type PaymentStatus, type PaymentTrigger } from "@/db/schema";
import { Problem } from "@/lib/http/problem";
import { paidByVirtualAccount } from "./payment-method";

export type PaymentView = {
  paymentId: string;
  packId: string;
  orderName: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  credits: number;
  creditsGranted: boolean;
  createdAt: string;
  paidAt: string | null;
  payMethod: string;
  /** KAKAOPAY, NAVERPAY or TOSSPAY for an easy-pay payment. */
  easyPayProvider: string | null;
  /** CHECKOUT, or AUTO_TOPUP for a top-up charged with the saved card. */
  trigger: PaymentTrigger;
  cancelledAmount: number;
  /** The PG's receipt, once paid. */
  receiptUrl: string | null;
  /** A refund was sent to PortOne and its answer is not known yet: the credits are held meanwhile. */
  refundPending: boolean;
  /** Paid into a virtual account: a refund needs the bank account to pay it into. */
  refundAccountRequired: boolean;
  /** While a virtual-account payment waits for its deposit. */
  virtualAccount: { bank: string | null; accountNumber: string; expiresAt: string | null } | null;
};

export function toPaymentView(p: Payment, refundPending: boolean): PaymentView {
  return {
    paymentId: p.id,
    packId: p.packId,
    orderName: p.orderName,
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    credits: p.credits,
    creditsGranted: p.creditedAt !== null,
    createdAt: p.createdAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
    payMethod: p.payMethod,
    easyPayProvider: p.easyPayProvider,
    trigger: p.trigger,
    cancelledAmount: p.cancelledAmount,
    receiptUrl: p.receiptUrl,
    refundPending,
    refundAccountRequired: paidByVirtualAccount(p),
    virtualAccount:
      p.status === "VIRTUAL_ACCOUNT_ISSUED" && p.virtualAccountNumber
        ? {
            bank: p.virtualAccountBank,
            accountNumber: p.virtualAccountNumber,
            expiresAt: p.virtualAccountExpiresAt?.toISOString() ?? null,
          }
        : null,
  };
}

// Spelled out: inside a select list Drizzle drops table names, and "id" would then be credit_holds' own.
const refundPending = sql<boolean>`exists (
  select 1 from credit_holds h where h.payment_id = "payments"."id" and h.status = 'held'
)`;
/** Someone else's payment and a payment that does not exist are the same 404. */
export class PaymentNotFound extends Problem {
  constructor() {
    super(404, "PAYMENT_NOT_FOUND", "Payment not found", "There is no such payment on your account.");
  }
}

export async function findOwnPayment(userId: string, paymentId: string): Promise<Payment> {
  const [payment] = await getDb()
    .select()
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.userId, userId)));
  if (!payment) throw new PaymentNotFound();
  return payment;
}

export async function findOwnPaymentView(userId: string, paymentId: string): Promise<PaymentView> {
  const [row] = await getDb()
    .select({ payment: payments, refundPending })
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.userId, userId)));
  if (!row) throw new PaymentNotFound();
  return toPaymentView(row.payment, row.refundPending);
}

/** The database's clock, cut to milliseconds so that it survives a round trip through a JavaScript Date. */
export const databaseNow = sql`date_trunc('milliseconds', now())`.mapWith(payments.createdAt);

/** The owner's payment and their balance, in one query (the complete route's hot path), as of `asOf` (`databaseNow`). */
export async function findOwnPaymentAndBalance(
  userId: string,
  paymentId: string,
): Promise<{ payment: Payment; balance: number; asOf: Date }> {
  const [row] = await getDb()
    .select({ payment: payments, balance: users.creditBalance, asOf: databaseNow })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.userId))
    .where(and(eq(payments.id, paymentId), eq(payments.userId, userId)));
  if (!row) throw new PaymentNotFound();
  return row;
}

export async function listOwnPayments(userId: string, limit = 100, db: Database | Transaction = getDb()): Promise<PaymentView[]> {
  const rows = await db
    .select({ payment: payments, refundPending })
    .from(payments)
    .where(eq(payments.userId, userId))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit);
  return rows.map((r) => toPaymentView(r.payment, r.refundPending));
}
