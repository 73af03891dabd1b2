import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { grantFreeCredits } from "@/lib/credits/grants";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID()}@example.com`;
}

/**
 * A user row made directly, for tests that are not about sign-up itself;
 * starting credits arrive as an operator's adjustment (a bonus lot), so the ledger stays whole.
 */
export async function createTestUser(options: { email?: string; credits?: number } = {}) {
  return getDb().transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: options.email ?? uniqueEmail(), passwordHash: "not-a-usable-hash" })
      .returning();
    if (options.credits) {
      await grantFreeCredits(tx, { userId: user!.id, credits: options.credits, idempotencyKey: "test-start" });
    }
    return user!;
  });
}

export async function countUsersWithEmail(email: string): Promise<number> {
  return (await getDb().select().from(users).where(eq(users.email, email))).length;
}

/** A user with the operator role, as `npm run operator -- grant` makes one. */
export async function createTestOperator() {
  const user = await createTestUser();
  await getDb().update(users).set({ role: "operator" }).where(eq(users.id, user.id));
  return { ...user, role: "operator" as const };
}
