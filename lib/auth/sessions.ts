import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";

/** How long a session lasts unused; each visit renews it (next-auth re-issues the cookie on every session read). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * Whether a session issued with `version` is still good: the account exists
 * and has not ended its sessions since (sign-out everywhere, a password change).
 */
export async function sessionIsCurrent(userId: unknown, version: unknown): Promise<boolean> {
  if (typeof userId !== "string" || typeof version !== "number") return false;
  const [row] = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.sessionVersion, version)));
  return row !== undefined;
}

/** Ends every session of the account, on every device and app instance, at their next request. */
export async function endAllSessions(userId: string): Promise<void> {
  await getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
