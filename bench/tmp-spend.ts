import { benchSpending } from "@/bench/spend";
const r = await benchSpending(process.env.BENCH_DATABASE_URL, 4000);
for (const row of r.rows) console.log(row.accounts, Math.round(row.spendPerSecond), Math.round(row.barePerSecond), (100 * row.spendPerSecond / row.barePerSecond).toFixed(0) + "%");
console.log("clean", r.ledgerClean);
process.exit(0);
