import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { Problem } from "@/lib/http/problem";
import { passwordSchema } from "./users";

export const passwordChangeSchema = z.object({
  currentPassword: z.string({ error: "currentPassword is required" }).min(1, "currentPassword is required").max(256),
  newPassword: passwordSchema,
});

export class WrongPassword extends Problem {
  constructor() {
    super(403, "WRONG_PASSWORD", "The current password is not right", "Nothing was changed.");
  }
}

/**
 * Sets a new password after checking the current one, and ends every session of
 * the account in the same statement: whoever held a stolen session is out.
 */
export async function changePassword(userId: string, input: z.infer<typeof passwordChangeSchema>): Promise<void> {
  const [user] = await getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) throw new WrongPassword();
  const passwordHash = await hashPassword(input.newPassword);
  await getDb()
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
