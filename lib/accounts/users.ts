import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Database, type Transaction } from "@/db/client";
import { users } from "@/db/schema";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "@/lib/auth/password";
import { isUniqueViolation } from "@/db/errors";
import { text } from "@/lib/http/input";
import { Problem } from "@/lib/http/problem";

export const emailSchema = text("email is required")
  .trim()
  .max(254, "email is too long")
  .transform((e) => e.normalize("NFC").toLowerCase())
  .pipe(z.email("email is not a valid address"));

export const passwordSchema = z
  .string({ error: "password is required" })
  .min(8, "password must be at least 8 characters")
  .max(256, "password must be at most 256 characters");

export const signupSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: text().trim().max(80, "name must be at most 80 characters").optional(),
});

export type SignupInput = z.infer<typeof signupSchema>;

export class EmailTaken extends Problem {
  constructor() {
    super(409, "EMAIL_TAKEN", "Email already registered", "An account with this email already exists. Sign in instead.");
  }
}

export async function createAccount(input: SignupInput): Promise<{ id: string; email: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    const [row] = await getDb()
      .insert(users)
      .values({ email: input.email, name: input.name || null, passwordHash })
      .returning({ id: users.id, email: users.email });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTaken();
    throw error;
  }
}

/** The account for these credentials, or null; takes the same time whether or not the email exists. */
export async function verifyCredentials(
  email: string,
  password: string,
): Promise<{ id: string; email: string; name: string | null; sessionVersion: number } | null> {
  const parsed = emailSchema.safeParse(email);
  const user = parsed.success
    ? await getDb().query.users.findFirst({ where: eq(users.email, parsed.data) })
    : undefined;
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  return user && ok ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
}

export async function getBalance(userId: string, db: Database | Transaction = getDb()): Promise<number> {
  const [row] = await db
    .select({ balance: users.creditBalance })
    .from(users)
    .where(eq(users.id, userId));
  return row?.balance ?? 0;
}
