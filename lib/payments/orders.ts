import { randomUUID } from "node:crypto";
import { and, count, eq, gt, min, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Database, type Transaction } from "@/db/client";
import { payments, users } from "@/db/schema";
import { config } from "@/lib/env";
import { id } from "@/lib/http/input";
import { Problem } from "@/lib/http/problem";
import { RateLimited, scaledLimit } from "@/lib/http/rate-limit";
import { log } from "@/lib/log";
import { callPortOne } from "@/lib/portone/server";
import { findActivePack } from "./packs";

export const EASY_PAY_PROVIDERS = ["KAKAOPAY", "NAVERPAY", "TOSSPAY"] as const;
export type EasyPayProvider = (typeof EASY_PAY_PROVIDERS)[number];

export const createOrderSchema = z
  .object({
    packId: id("packId is required").max(64),
    payMethod: z
      .enum(["CARD", "VIRTUAL_ACCOUNT", "EASY_PAY"], { error: "payMethod is CARD, VIRTUAL_ACCOUNT or EASY_PAY" })
      .default("CARD"),
    easyPayProvider: z.enum(EASY_PAY_PROVIDERS, { error: "easyPayProvider is KAKAOPAY, NAVERPAY or TOSSPAY" }).optional(),
    // The purchase page's required consent to the order's conditions and the refund policy.
    agreedToTerms: z.literal(true, { error: "agreedToTerms must be true: the buyer agrees to the purchase conditions and the refund policy" }),
  })
  .refine((o) => (o.payMethod === "EASY_PAY") === (o.easyPayProvider !== undefined), {
    error: "easyPayProvider is given exactly when payMethod is EASY_PAY",
    path: ["easyPayProvider"],
  });

export type OrderMethod = Omit<z.infer<typeof createOrderSchema>, "packId" | "agreedToTerms">;
export type PayMethod = OrderMethod["payMethod"];

const VIRTUAL_ACCOUNT_VALID_HOURS = 24;

/** The exact argument for the browser SDK's `requestPayment` (contract.md, POST /api/payments). */
export type CheckoutRequest = {
  storeId: string;
  channelKey: string;
  paymentId: string;
  orderName: string;
  totalAmount: number;
  currency: "KRW";
  payMethod: PayMethod;
  customer: { customerId: string; email: string; fullName?: string };
  redirectUrl: string;
  virtualAccount?: { accountExpiry: { validHours: number } };
  easyPay?: { easyPayProvider: EasyPayProvider };
};

export class UnknownPack extends Problem {
  constructor(packId: string) {
    super(400, "UNKNOWN_PACK", "Unknown credit pack", `There is no credit pack "${packId}" on sale.`);
  }
}

/** contract.md: at most this many open PENDING orders per account (times RATE_LIMIT_SCALE). */
const OPEN_ORDERS_LIMIT = 10;
// A checkout left PENDING longer than this was abandoned, and no longer counts as open.
const OPEN_ORDER_HOURS = 1;

/** Refuses a new order while the account has as many open checkouts as it may, saying when the oldest stops counting. */
async function ensureFewOpenOrders(db: Database | Transaction, userId: string): Promise<void> {
  const allowed = scaledLimit(OPEN_ORDERS_LIMIT);
  if (allowed === undefined) return;
  const [open] = await db
    .select({
      count: count(),
      retryAfter: sql<number>`ceil(extract(epoch from ${min(payments.createdAt)} + make_interval(hours => ${OPEN_ORDER_HOURS}) - now()))::int`,
    })
    .from(payments)
    .where(
      and(
        eq(payments.userId, userId),
        eq(payments.status, "PENDING"),
        gt(payments.createdAt, sql`now() - make_interval(hours => ${OPEN_ORDER_HOURS})`),
      ),
    );
  if (open && open.count >= allowed) throw new RateLimited(Math.max(1, open.retryAfter));
}

/** 122 random bits: a paymentId nobody can guess or enumerate. */
function newPaymentId(): string {
  return `pay-${randomUUID()}`;
}

/**
 * Creates an order for the signed-in user, priced by the server from the pack,
 * and pre-registers its amount with PortOne so a checkout for any other amount is refused there too.
 */
export async function createOrder(
  userId: string,
  packId: string,
  { payMethod, easyPayProvider }: OrderMethod = { payMethod: "CARD" },
): Promise<CheckoutRequest> {
  const pack = await findActivePack(packId);
  if (!pack) throw new UnknownPack(packId);
  const [user] = await getDb().select().from(users).where(eq(users.id, userId));
  if (!user) throw new Problem(401, "UNAUTHENTICATED", "Sign in first", "The session's account no longer exists.");
  if (pack.currency !== "KRW") throw new Error(`pack ${pack.id} is priced in ${pack.currency}; only KRW is sold`);
  // Checked before PortOne is asked, so a flood costs PortOne nothing; checked again below with the account locked.
  await ensureFewOpenOrders(getDb(), userId);

  const { portone, appUrl } = config();
  const paymentId = newPaymentId();
  const orderName = `AInfo ${pack.name}`;
  await callPortOne((client) =>
    client.preRegisterPayment({ paymentId, storeId: portone.storeId, totalAmount: pack.price, currency: "KRW" }),
  );
  await getDb().transaction(async (tx) => {
    // Concurrent orders of one account queue on its row, so together they cannot pass the open-order limit.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    await ensureFewOpenOrders(tx, userId);
    await tx.insert(payments).values({
      id: paymentId,
      userId,
      packId: pack.id,
      orderName,
      credits: pack.credits,
      paidCredits: pack.paidCredits,
      bonusCredits: pack.bonusCredits,
      amount: pack.price,
      currency: pack.currency,
      payMethod,
      easyPayProvider: easyPayProvider ?? null,
      termsAgreedAt: sql`now()`,
    });
  });
  log.info({ paymentId, userId, packId: pack.id, amount: pack.price, payMethod, easyPayProvider }, "order created");

  return {
    storeId: portone.storeId,
    channelKey: portone.channelKey,
    paymentId,
    orderName,
    totalAmount: pack.price,
    currency: "KRW",
    payMethod,
    customer: { customerId: user.id, email: user.email, ...(user.name ? { fullName: user.name } : {}) },
    redirectUrl: `${appUrl}/credits/complete`,
    ...(payMethod === "VIRTUAL_ACCOUNT" ? { virtualAccount: { accountExpiry: { validHours: VIRTUAL_ACCOUNT_VALID_HOURS } } } : {}),
    ...(easyPayProvider ? { easyPay: { easyPayProvider } } : {}),
  };
}
