import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { creditPacks, payments, users } from "@/db/schema";
import { kstDate, kstDayEnd, kstDayStart } from "./payments";

const MAX_DAYS = 366;

export const paymentsCsvQuery = z
  .object({ from: kstDate, to: kstDate })
  .refine((v) => v.from <= v.to, { message: "from must not be after to", path: ["from"] })
  .refine((v) => kstDayEnd(v.to).getTime() - kstDayStart(v.from).getTime() <= MAX_DAYS * 86_400_000, {
    message: `at most ${MAX_DAYS} days at a time`,
    path: ["to"],
  });

const HEADER = ["결제 ID", "생성 시각 (KST)", "결제 시각 (KST)", "이메일", "상품", "결제 금액", "취소 금액", "순매출", "상태", "결제 수단", "환불 수수료"];

const kst = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Seoul",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** 2026-01-31 23:59:59, in Korean time. */
const kstTime = (d: Date | null) => (d ? kst.format(d) : "");

/**
 * One RFC 4180 field. A text cell a spreadsheet would read as a formula (= + - @,
 * or a tab or CR that some read the same way) gets a leading apostrophe first.
 */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: Array<string | number>) => `${cells.map(csvField).join(",")}\r\n`;

/** The payments created in [from, to] (KST days), oldest first, as a UTF-8 CSV with a BOM (Excel reads Korean right only then). */
export async function paymentsCsv(query: z.infer<typeof paymentsCsvQuery>): Promise<string> {
  const rows = await getDb()
    .select({
      id: payments.id,
      createdAt: payments.createdAt,
      paidAt: payments.paidAt,
      email: users.email,
      pack: creditPacks.name,
      amount: payments.amount,
      cancelledAmount: payments.cancelledAmount,
      status: payments.status,
      payMethod: payments.payMethod,
      // Kept from customers' refunds after the withdrawal period: part of the net, shown apart. Spelled out:
      // inside a select list Drizzle drops table names.
      refundFees: sql<number>`coalesce((
        select sum(r.fee) from payment_refunds r where r.payment_id = "payments"."id" and r.outcome = 'completed'
      ), 0)::integer`,
    })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.userId))
    .innerJoin(creditPacks, eq(creditPacks.id, payments.packId))
    .where(and(gte(payments.createdAt, kstDayStart(query.from)), lt(payments.createdAt, kstDayEnd(query.to))))
    .orderBy(asc(payments.createdAt), asc(payments.id));
  const lines = rows.map((r) =>
    csvLine([
      r.id,
      kstTime(r.createdAt),
      kstTime(r.paidAt),
      r.email,
      r.pack,
      r.amount,
      r.cancelledAmount,
      r.paidAt ? r.amount - r.cancelledAmount : 0,
      r.status,
      r.payMethod,
      r.refundFees,
    ]),
  );
  return `\uFEFF${csvLine(HEADER)}${lines.join("")}`;
}
