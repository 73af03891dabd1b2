import { eq } from "drizzle-orm";
import { notFound, redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { users, type UserRole } from "@/db/schema";
import { currentUser, requireUserId } from "@/lib/auth/session";
import { Problem } from "@/lib/http/problem";
import { recordAudit } from "./audit";

export type Operator = { id: string; email: string };

/** To anyone but an operator the console does not exist: the same 404 as any unknown path. */
export class NotAnOperator extends Problem {
  constructor() {
    super(404, "NOT_FOUND", "Not found", "There is nothing here.");
  }
}

async function operatorById(userId: string): Promise<Operator | undefined> {
  const [row] = await getDb().select({ id: users.id, email: users.email, role: users.role }).from(users).where(eq(users.id, userId));
  return row?.role === "operator" ? { id: row.id, email: row.email } : undefined;
}

/**
 * The operator making this API request: 401 without a session, 404 for anyone
 * who is not an operator now. The role is read from the database every time,
 * so a revoke ends access at once, open sessions included.
 */
export async function requireOperator(req: NextRequest): Promise<Operator> {
  const operator = await operatorById(await requireUserId(req));
  if (!operator) throw new NotAnOperator();
  return operator;
}

/**
 * For every /admin page (each checks for itself: a layout is not re-run on
 * navigation): the operator; anonymous visitors go to sign-in, anyone else gets 404.
 */
export async function operatorForPage(path: string): Promise<Operator> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  const operator = await operatorById(user.id);
  if (!operator) notFound();
  return operator;
}

/**
 * Grants or revokes the operator role by email (npm run operator), with its
 * audit row; undefined when there is no such account.
 */
export async function setRole(
  email: string,
  role: UserRole,
  by: { actor: { id: string | null; email: string }; reason: string },
): Promise<{ id: string; email: string; before: UserRole } | undefined> {
  return getDb().transaction(async (tx) => {
    const [before] = await tx
      .select({ id: users.id, email: users.email, role: users.role })
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
      .for("update");
    if (!before) return undefined;
    await tx.update(users).set({ role }).where(eq(users.id, before.id));
    await recordAudit(tx, {
      actor: by.actor,
      action: role === "operator" ? "operator.grant" : "operator.revoke",
      targetType: "user",
      targetId: before.id,
      reason: by.reason,
      detail: { before: { role: before.role }, after: { role } },
    });
    return { id: before.id, email: before.email, before: before.role };
  });
}
