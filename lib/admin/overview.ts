import { desc, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { ledgerCheckRuns, reconcileRuns } from "@/db/schema";

/** How many KST days the overview's chart and its longest window cover, today included. */
export const OVERVIEW_DAYS = 30;

/**
 * One KST day of the console's overview.
 * - Sales count each payment on the day it was paid: its amount (gross), less whatever of it has been
 *   cancelled since (net = gross − cancelled).
 * - Refunds count cancellations on the day PortOne made them (a payment's last cancellation day): how many
 *   payments and their cancelled amount.
 * - Credits, from the ledger: granted = purchases + positive adjustments; net spent = −Σ(spend, reserve) − Σ release,
 *   i.e. what chat answers kept (a reserve later released is not spent); revoked, voided and expired as taken back;
 *   adjustedDown = what operators' negative adjustments took.
 */
export type OverviewDay = {
  /** YYYY-MM-DD, the day in Korea. */
  date: string;
  paidPayments: number;
  salesGross: number;
  salesCancelled: number;
  salesNet: number;
  refunds: number;
  refundedAmount: number;
  creditsGranted: number;
  creditsSpent: number;
  creditsRevoked: number;
  creditsVoided: number;
  creditsExpired: number;
  creditsAdjustedDown: number;
};

export type OverviewTotals = Omit<OverviewDay, "date">;

export type PackSales = { packId: string; name: string; today: number; days7: number; days30: number };

export type Overview = {
  /** Today in Korea, YYYY-MM-DD: the last of `daily`. */
  today: string;
  /** The last OVERVIEW_DAYS KST days, oldest first, days without activity included as zeros. */
  daily: OverviewDay[];
  totals: { today: OverviewTotals; days7: OverviewTotals; days30: OverviewTotals };
  /** Paid payments per pack (each payment once, on its paid day, cancelled or not), every pack listed. */
  packs: PackSales[];
  openPayments: { pending: number; virtualAccountWaiting: number };
  unprocessedWebhooks: number;
  lastReconcileRun: { startedBy: string; startedAt: string; finishedAt: string | null; complete: boolean; checked: number; changed: number; failed: number } | null;
  lastLedgerCheck: { ranAt: string; problems: number } | null;
};

type Numeric = string | number | null;
type DayRow = { date: string } & Record<Exclude<keyof OverviewDay, "date">, Numeric>;

const TOTAL_KEYS = [
  "paidPayments",
  "salesGross",
  "salesCancelled",
  "salesNet",
  "refunds",
  "refundedAmount",
  "creditsGranted",
  "creditsSpent",
  "creditsRevoked",
  "creditsVoided",
  "creditsExpired",
  "creditsAdjustedDown",
] as const satisfies readonly (keyof OverviewTotals)[];

// Raw SQL: Drizzle cannot say generate_series, FILTER or grouping by an expression's KST day.
// Each subquery reads only the window's rows (a range on the timestamp), then groups them by KST day;
// the series joins them so days without activity are zeros.
async function dailyRows(now: Date): Promise<OverviewDay[]> {
  const today = sql`(${now.toISOString()}::timestamptz at time zone 'Asia/Seoul')::date`;
  const start = sql`((${today} - ${OVERVIEW_DAYS - 1}::int)::timestamp at time zone 'Asia/Seoul')`;
  const end = sql`((${today} + 1)::timestamp at time zone 'Asia/Seoul')`;
  const rows = await getDb().execute<DayRow>(sql`
    with days as (
      select (${today} - offs)::date as day from generate_series(0, ${OVERVIEW_DAYS - 1}::int) as offs
    ),
    sales as (
      select (paid_at at time zone 'Asia/Seoul')::date as day,
             count(*) as paid, sum(amount) as gross, sum(cancelled_amount) as cancelled
      from payments
      where paid_at >= ${start} and paid_at < ${end} and status in ('PAID', 'PARTIAL_CANCELLED', 'CANCELLED')
      group by 1
    ),
    refunds as (
      select (cancelled_at at time zone 'Asia/Seoul')::date as day, count(*) as refunds, sum(cancelled_amount) as refunded
      from payments
      where cancelled_at >= ${start} and cancelled_at < ${end} and cancelled_amount > 0
      group by 1
    ),
    credits as (
      select (created_at at time zone 'Asia/Seoul')::date as day,
             sum(delta) filter (where kind = 'purchase' or (kind = 'adjust' and delta > 0)) as granted,
             -coalesce(sum(delta) filter (where kind in ('spend', 'reserve')), 0)
               - coalesce(sum(delta) filter (where kind = 'release'), 0) as spent,
             -sum(delta) filter (where kind = 'revoke') as revoked,
             -sum(delta) filter (where kind = 'void') as voided,
             -sum(delta) filter (where kind = 'expire') as expired,
             -sum(delta) filter (where kind = 'adjust' and delta < 0) as adjusted_down
      from credit_ledger
      where created_at >= ${start} and created_at < ${end}
      group by 1
    )
    select days.day::text as "date",
           coalesce(sales.paid, 0) as "paidPayments",
           coalesce(sales.gross, 0) as "salesGross",
           coalesce(sales.cancelled, 0) as "salesCancelled",
           coalesce(sales.gross - sales.cancelled, 0) as "salesNet",
           coalesce(refunds.refunds, 0) as "refunds",
           coalesce(refunds.refunded, 0) as "refundedAmount",
           coalesce(credits.granted, 0) as "creditsGranted",
           coalesce(credits.spent, 0) as "creditsSpent",
           coalesce(credits.revoked, 0) as "creditsRevoked",
           coalesce(credits.voided, 0) as "creditsVoided",
           coalesce(credits.expired, 0) as "creditsExpired",
           coalesce(credits.adjusted_down, 0) as "creditsAdjustedDown"
    from days
    left join sales on sales.day = days.day
    left join refunds on refunds.day = days.day
    left join credits on credits.day = days.day
    order by days.day
  `);
  return rows.map((r) => {
    const day = { date: r.date } as OverviewDay;
    for (const key of TOTAL_KEYS) day[key] = Number(r[key]);
    return day;
  });
}

function sumDays(days: OverviewDay[]): OverviewTotals {
  const totals = Object.fromEntries(TOTAL_KEYS.map((k) => [k, 0])) as OverviewTotals;
  for (const day of days) for (const key of TOTAL_KEYS) totals[key] += day[key];
  return totals;
}

async function packSales(now: Date): Promise<PackSales[]> {
  const today = sql`(${now.toISOString()}::timestamptz at time zone 'Asia/Seoul')::date`;
  const paidDay = sql`(p.paid_at at time zone 'Asia/Seoul')::date`;
  const rows = await getDb().execute<{ packId: string; name: string; today: Numeric; days7: Numeric; days30: Numeric }>(sql`
    select cp.id as "packId", cp.name,
           count(p.id) filter (where ${paidDay} = ${today}) as "today",
           count(p.id) filter (where ${paidDay} > ${today} - 7) as "days7",
           count(p.id) as "days30"
    from credit_packs cp
    left join payments p
      on p.pack_id = cp.id
     and p.status in ('PAID', 'PARTIAL_CANCELLED', 'CANCELLED')
     and p.paid_at >= ((${today} - ${OVERVIEW_DAYS - 1}::int)::timestamp at time zone 'Asia/Seoul')
     and p.paid_at < ((${today} + 1)::timestamp at time zone 'Asia/Seoul')
    group by cp.id, cp.name, cp.price
    order by cp.price, cp.id
  `);
  return rows.map((r) => ({ packId: r.packId, name: r.name, today: Number(r.today), days7: Number(r.days7), days30: Number(r.days30) }));
}

async function waiting(): Promise<{ pending: number; virtualAccountWaiting: number; unprocessedWebhooks: number }> {
  const [row] = await getDb().execute<{ pending: Numeric; va: Numeric; webhooks: Numeric }>(sql`
    select (select count(*) from payments where status = 'PENDING') as pending,
           (select count(*) from payments where status = 'VIRTUAL_ACCOUNT_ISSUED') as va,
           (select count(*) from webhook_events where processed_at is null) as webhooks
  `);
  return { pending: Number(row?.pending ?? 0), virtualAccountWaiting: Number(row?.va ?? 0), unprocessedWebhooks: Number(row?.webhooks ?? 0) };
}

async function lastRuns(): Promise<Pick<Overview, "lastReconcileRun" | "lastLedgerCheck">> {
  const db = getDb();
  const [[run], [check]] = await Promise.all([
    db.select().from(reconcileRuns).orderBy(desc(reconcileRuns.startedAt), desc(reconcileRuns.id)).limit(1),
    db.select({ ranAt: ledgerCheckRuns.ranAt, problems: ledgerCheckRuns.problems }).from(ledgerCheckRuns).orderBy(desc(ledgerCheckRuns.ranAt), desc(ledgerCheckRuns.id)).limit(1),
  ]);
  return {
    lastReconcileRun: run
      ? {
          startedBy: run.startedBy,
          startedAt: run.startedAt.toISOString(),
          finishedAt: run.finishedAt?.toISOString() ?? null,
          complete: run.complete,
          checked: run.checked,
          changed: run.changed,
          failed: run.failed,
        }
      : null,
    lastLedgerCheck: check ? { ranAt: check.ranAt.toISOString(), problems: check.problems } : null,
  };
}

/** Everything the console's overview shows, as of `now` (KST days). */
export async function loadOverview(now = new Date()): Promise<Overview> {
  const [daily, packs, open, runs] = await Promise.all([dailyRows(now), packSales(now), waiting(), lastRuns()]);
  return {
    today: daily.at(-1)!.date,
    daily,
    totals: { today: sumDays(daily.slice(-1)), days7: sumDays(daily.slice(-7)), days30: sumDays(daily) },
    packs,
    openPayments: { pending: open.pending, virtualAccountWaiting: open.virtualAccountWaiting },
    unprocessedWebhooks: open.unprocessedWebhooks,
    ...runs,
  };
}
