import postgres from "postgres";
import { closeDb } from "@/db/client";
import { createScratchDatabase } from "@/scripts/scratch-database";
import { searchPayments, type PaymentSearch } from "@/lib/admin/payments";
import { withSandboxDefaults } from "@/scripts/sandbox-env";
import { percentile } from "./measure";

export const SEARCH_PAYMENTS = 100_000;
export const SEARCH_LEDGER_ROWS = 1_000_000;
const USERS = 10_000;
const RUNS_PER_SHAPE = 60;

export type AdminSearchReport = { p95: number; shapes: Array<{ shape: string; p50: number; p95: number }>; plans: Record<string, string> };


/** Set-based seeding (generate_series), so 1.1 million rows take seconds, not minutes. */
async function seed(db: postgres.Sql): Promise<void> {
  await db`insert into users (email, password_hash, created_at)
    select 'bench' || lpad(g::text, 5, '0') || '@example.com', 'bench', now() - interval '400 days'
    from generate_series(1, ${USERS}) g`;
  // Statuses as a shop sees them: mostly paid, some pending, failed and cancelled; spread over a year.
  await db`insert into payments (id, user_id, pack_id, order_name, credits, paid_credits, bonus_credits, amount, currency, status, paid_at, created_at)
    select 'pay-bench-' || g, u.id, 'credits-550', 'AInfo 550 크레딧', 550, 500, 50, 5000, 'KRW',
      (array['PAID','PAID','PAID','PAID','PAID','PAID','PENDING','FAILED','CANCELLED','PARTIAL_CANCELLED'])[1 + g % 10]::payment_status,
      case when g % 10 in (6, 7) then null else now() - (g || ' minutes')::interval end,
      now() - (g * 5 || ' minutes')::interval
    from generate_series(1, ${SEARCH_PAYMENTS}) g
    join (select id, row_number() over (order by email) as n from users) u on u.n = 1 + g % ${USERS}`;
  await db`insert into credit_ledger (user_id, delta, kind, idempotency_key, balance_after, created_at)
    select u.id, -1, 'spend', 'bench-' || g, 0, now() - (g || ' seconds')::interval
    from generate_series(1, ${SEARCH_LEDGER_ROWS}) g
    join (select id, row_number() over (order by email) as n from users) u on u.n = 1 + g % ${USERS}`;
  await db`vacuum analyze users, payments, credit_ledger`;
}

/**
 * The operator console's payment search (lib/admin/payments searchPayments,
 * through the app's own pool) on a scratch database of 100,000 payments and
 * 1,000,000 ledger rows: each query shape timed RUNS_PER_SHAPE times, and the
 * plan of each kept for the report.
 */
export async function benchAdminSearch(serverUrl: string): Promise<AdminSearchReport> {
  const database = await createScratchDatabase(serverUrl);
  process.env.DATABASE_URL = database.url;
  Object.assign(process.env, withSandboxDefaults({ ...process.env }));
  const raw = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    await seed(raw);
    const firstPage = await searchPayments({ limit: 50 });
    const shapes: Array<[string, PaymentSearch]> = [
      ["newest 50", { limit: 50 }],
      ["email prefix", { q: "bench0042", limit: 50 }],
      ["paymentId", { q: "pay-bench-77777", limit: 50 }],
      ["status FAILED", { status: "FAILED", limit: 50 }],
      ["status + month", { status: "PAID", from: kstDaysAgo(60), to: kstDaysAgo(30), limit: 50 }],
      ["next page", { limit: 50, cursor: firstPage.nextCursor! }],
    ];
    const all: number[] = [];
    const results: AdminSearchReport["shapes"] = [];
    for (const [shape, query] of shapes) {
      const times: number[] = [];
      for (let i = 0; i < RUNS_PER_SHAPE; i++) {
        const started = performance.now();
        await searchPayments(query);
        times.push(performance.now() - started);
      }
      // The first runs warm the cache and prepare statements: a console is used warm.
      const warm = times.slice(5);
      all.push(...warm);
      results.push({ shape, p50: percentile(warm, 50), p95: percentile(warm, 95) });
    }
    const plans = {
      "email prefix": await explain(
        raw,
        `select p.id from payments p join users u on u.id = p.user_id where u.email like 'bench0042%' order by p.created_at desc, p.id desc limit 51`,
      ),
      "status FAILED": await explain(raw, `select p.id from payments p join users u on u.id = p.user_id where p.status = 'FAILED' order by p.created_at desc, p.id desc limit 51`),
    };
    return { p95: percentile(all, 95), shapes: results, plans };
  } finally {
    await raw.end({ timeout: 5 });
    await closeDb();
    await database.drop();
  }
}

function kstDaysAgo(days: number): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Seoul" }).format(new Date(Date.now() - days * 86_400_000));
}

async function explain(db: postgres.Sql, query: string): Promise<string> {
  const rows = await db.unsafe<Array<{ "QUERY PLAN": string }>>(`explain (analyze, costs off) ${query}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

// `npx tsx bench/admin-search.ts`: this benchmark alone, against BENCH_DATABASE_URL.
if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log("skipped: set BENCH_DATABASE_URL");
  } else {
    const report = await benchAdminSearch(url);
    console.table(report.shapes.map((s) => ({ shape: s.shape, p50: s.p50.toFixed(1), p95: s.p95.toFixed(1) })));
    console.log(`p95 over all shapes: ${report.p95.toFixed(1)} ms`);
    for (const [name, plan] of Object.entries(report.plans)) console.log(`\n${name}:\n${plan}`);
  }
}
