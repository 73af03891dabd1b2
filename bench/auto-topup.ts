import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { closeDb } from "@/db/client";
import { isEmbeddedUrl } from "@/db/embedded-url";
import { createScratchDatabase } from "@/scripts/scratch-database";
import { topUpAfterSpend } from "@/lib/auto-topup/after-spend";
import { spendCredits } from "@/lib/credits/spend";
import { withSandboxDefaults } from "@/scripts/sandbox-env";
import { createUsers, giveLots } from "./fixtures";
import { percentile } from "./measure";

const PAIRS = 400;

export type TopUpLatencyReport = { triggeringP95: number; plainP95: number; triggeringP50: number; plainP50: number; recorded: number };


/**
 * What auto top-up adds to the spender's request: lib/credits' spend followed
 * by topUpAfterSpend (the one statement that records a top-up when one is due),
 * timed one at a time. Half the accounts cross their threshold with this spend
 * and record a top-up; the other half have auto top-up on with a threshold the
 * spend does not cross. The two kinds alternate, so the machine's noise weighs
 * on both alike. The charge itself runs after the response and is not timed
 * here (it is collected and dropped: no PortOne is involved).
 */
export async function benchTopUpLatency(serverUrl: string | undefined): Promise<TopUpLatencyReport> {
  const database = await createScratchDatabase(serverUrl);
  process.env.DATABASE_URL = database.url;
  Object.assign(process.env, withSandboxDefaults({ ...process.env }));
  const db = postgres(database.url, { max: 1, prepare: !isEmbeddedUrl(database.url), onnotice: () => {} });
  try {
    const accounts = await createUsers(2 * PAIRS);
    await giveLots(accounts);
    const triggering = accounts.slice(0, PAIRS);
    const plain = accounts.slice(PAIRS);
    // Every account has a card and auto top-up on; only the threshold differs.
    await db`insert into auto_topup_settings (user_id, enabled, pack_id, threshold, monthly_cap_krw, billing_key, card_registered_at)
      select u.id, true, 'credits-100', case when u.id = any(${triggering}::uuid[]) then u.credit_balance else 0 end, 1000000, 'bench-key-' || u.id, now()
      from users u where u.id = any(${accounts}::uuid[])`;
    const deferred: Array<() => Promise<unknown>> = [];
    const spendOnce = async (userId: string) => {
      const started = performance.now();
      await spendCredits({ userId, amount: 10, idempotencyKey: randomUUID() });
      await topUpAfterSpend(userId, (task) => deferred.push(task));
      return performance.now() - started;
    };
    // Warm both paths (connections, plans) before timing.
    for (let i = 0; i < 20; i++) await spendOnce(plain[i]!);
    const times = { triggering: [] as number[], plain: [] as number[] };
    for (let i = 0; i < PAIRS; i++) {
      times.triggering.push(await spendOnce(triggering[i]!));
      times.plain.push(await spendOnce(plain[i]!));
    }
    const [{ recorded }] = await db<[{ recorded: number }]>`select count(*)::int as recorded from payments where trigger = 'AUTO_TOPUP'`;
    return {
      triggeringP50: percentile(times.triggering, 50),
      triggeringP95: percentile(times.triggering, 95),
      plainP50: percentile(times.plain, 50),
      plainP95: percentile(times.plain, 95),
      recorded,
    };
  } finally {
    await db.end();
    await closeDb();
    await database.drop();
  }
}
