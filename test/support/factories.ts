import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID()}@example.com`;
}

/** A user row made directly, for tests that are not about sign-up itself. */
export async function createTestUser(options: { email?: string } = {}) {
  const [user] = await getDb()
    .insert(users)
    .values({ email: options.email ?? uniqueEmail(), passwordHash: "not-a-usable-hash" })
    .returning();
  return user!;
}

export async function countUsersWithEmail(email: string): Promise<number> {
  return (await getDb().select().from(users).where(eq(users.email, email))).length;
}
