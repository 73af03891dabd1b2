import { and, eq, gt, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { config } from "@/lib/env";
import { Problem } from "./problem";

export type RateLimit = { name: string; limit: number; windowSeconds: number };

/** contract.md, "Hardening": the defaults, each multiplied by RATE_LIMIT_SCALE. */
export const RATE_LIMITS = {
  /** Failed sign-ins per email per client address. */
  signInFailures: { name: "signin", limit: 10, windowSeconds: 15 * 60 },
  signUps: { name: "signup", limit: 20, windowSeconds: 60 * 60 },
  orders: { name: "orders", limit: 30, windowSeconds: 60 * 60 },
  /** A purchase's browser makes at most 5 (the first check and 4 rechecks); 120 in 10 minutes is 24 such purchases. */
  completes: { name: "completes", limit: 120, windowSeconds: 10 * 60 },
  chatMessages: { name: "chat", limit: 60, windowSeconds: 60 },
  refunds: { name: "refunds", limit: 10, windowSeconds: 60 * 60 },
  /** Each asks PortOne about the billing key. */
  cardRegistrations: { name: "cards", limit: 10, windowSeconds: 60 * 60 },
} as const satisfies Record<string, RateLimit>;

export class RateLimited extends Problem {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "RATE_LIMITED", "Too many requests", `Too many requests; try again in ${retryAfterSeconds} seconds.`, {
      retryAfter: retryAfterSeconds,
    });
  }
}

/** The limit in force, or undefined when RATE_LIMIT_SCALE=0 turns limits off. */
export function scaledLimit(limit: number, scale = config().rateLimitScale): number | undefined {
  return scale === 0 ? undefined : Math.max(1, Math.round(limit * scale));
}

const keyOf = (limit: RateLimit, subject: string) => `${limit.name}:${subject}`;

/**
 * Counts one hit against `subject` in the limit's current window (a fixed window,
 * started by the first hit) and refuses with 429 once the hits exceed the limit.
 * One upsert, so every app instance counts in the same row.
 */
export async function consumeRateLimit(limit: RateLimit, subject: string): Promise<void> {
  const allowed = scaledLimit(limit.limit);
  if (allowed === undefined) return;
  const window = sql`make_interval(secs => ${limit.windowSeconds})`;
  const expired = sql`${rateLimits.resetsAt} <= now()`;
  const [row] = await getDb()
    .insert(rateLimits)
    .values({ key: keyOf(limit, subject), hits: 1, resetsAt: sql`now() + ${window}` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimits.hits} + 1 end`,
        resetsAt: sql`case when ${expired} then now() + ${window} else ${rateLimits.resetsAt} end`,
      },
    })
    .returning({
      hits: rateLimits.hits,
      retryAfter: sql<number>`ceil(extract(epoch from ${rateLimits.resetsAt} - now()))::int`,
    });
  if (row && row.hits > allowed) throw new RateLimited(Math.max(1, row.retryAfter));
}

/** Takes back one hit: the attempt turned out not to count (a sign-in that succeeded). */
export async function forgiveRateLimit(limit: RateLimit, subject: string): Promise<void> {
  if (scaledLimit(limit.limit) === undefined) return;
  await getDb()
    .update(rateLimits)
    .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
    .where(and(eq(rateLimits.key, keyOf(limit, subject)), gt(rateLimits.resetsAt, sql`now()`)));
}

/** Deletes counters whose window has ended (reconciliation runs it). */
export async function pruneRateLimits(): Promise<number> {
  const deleted = await getDb()
    .delete(rateLimits)
    .where(lt(rateLimits.resetsAt, sql`now()`))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
