import { and, desc, eq, ilike, lt } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Transaction } from "@/db/client";
import { auditLog, type AuditEntry } from "@/db/schema";
import { multilineText, text } from "@/lib/http/input";
import { keysetPage } from "@/lib/keyset-page";

/** Every operator write says why; the reason is kept in the audit log. */
export const reasonSchema = multilineText("reason is required").trim().min(1, "reason is required").max(500, "reason is over 500 characters");

export type AuditRecord = {
  actor: { id: string | null; email: string };
  action: string;
  targetType: "payment" | "user" | "reconciliation";
  targetId: string;
  reason: string;
  /** What the action changed: the record before and after, and anything else worth keeping. */
  detail?: Record<string, unknown>;
};

/** Writes the audit row of an action in the transaction that carries the action out, so neither exists without the other. */
export async function recordAudit(tx: Transaction, record: AuditRecord): Promise<AuditEntry> {
  const [row] = await tx
    .insert(auditLog)
    .values({
      actorId: record.actor.id,
      actorEmail: record.actor.email,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      reason: record.reason,
      detail: record.detail ?? {},
    })
    .returning();
  return row!;
}

export const auditPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  targetType: z.enum(["payment", "user", "reconciliation"]).optional(),
  targetId: z.string().max(128).optional(),
  /** Part of the actor's email, any case. */
  actor: text().trim().max(254).optional(),
});

/** LIKE's wildcards and its escape character, taken literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type AuditView = {
  id: number;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  reason: string;
  detail: Record<string, unknown>;
  createdAt: string;
};

/** The audit log, newest first, `limit` at a time (keyset on id); optionally one record's, or one actor's. */
export async function listAudit(query: z.infer<typeof auditPageQuery>): Promise<{ items: AuditView[]; nextCursor: number | null }> {
  const rows = await getDb()
    .select()
    .from(auditLog)
    .where(
      and(
        query.cursor ? lt(auditLog.id, query.cursor) : undefined,
        query.targetType ? eq(auditLog.targetType, query.targetType) : undefined,
        query.targetId ? eq(auditLog.targetId, query.targetId) : undefined,
        query.actor ? ilike(auditLog.actorEmail, `%${escapeLike(query.actor)}%`) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const { items, next } = keysetPage(rows, query.limit, (r) => ({
    id: r.id,
    actorEmail: r.actorEmail,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    reason: r.reason,
    detail: r.detail,
    createdAt: r.createdAt.toISOString(),
  }));
  return { items, nextCursor: next };
}
