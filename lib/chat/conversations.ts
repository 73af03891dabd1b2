import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { getDb, type Transaction } from "@/db/client";
import { chatMessages, conversations, type ChatMessage, type ChatMessageStatus } from "@/db/schema";
import { keysetPage } from "@/lib/keyset-page";
import { Problem, problems } from "@/lib/http/problem";
import type { ChatTurn } from "./responder";

/** Another person's conversation and one that does not exist are the same 404. */
export class ConversationNotFound extends Problem {
  constructor() {
    super(404, "CONVERSATION_NOT_FOUND", "No such conversation", "There is no conversation with this id for this account.");
  }
}

export type ConversationSummary = { id: string; title: string; updatedAt: string };
export type MessageView = { id: string; role: "user" | "assistant"; content: string; status: ChatMessageStatus; creditsSpent: number; createdAt: string };
/** A conversation's latest messages (or those before `before`), oldest first; `nextBefore` continues further back. */
export type ConversationView = { id: string; title: string; messages: MessageView[]; nextBefore: string | null };

export const conversationPageQuery = z.object({
  before: z.uuid({ error: "before is a message's id, the nextBefore of the page after it" }).optional(),
});

const TITLE_LENGTH = 40;
const LISTED_CONVERSATIONS = 50;
const MESSAGES_PER_PAGE = 50;
// Turns read back for the model's context before the budget trims them.
const CONTEXT_TURNS = 40;

/** The first question, on one line and cut to a title's length. */
export function titleFrom(question: string): string {
  const line = question.replace(/\s+/g, " ").trim();
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

/** Tokens a text may cost, as an upper bound: one per character holds for Korean and English alike. */
export const estimateTokens = (text: string) => text.length;

export async function listConversations(userId: string): Promise<ConversationSummary[]> {
  const rows = await getDb()
    .select({ id: conversations.id, title: conversations.title, updatedAt: conversations.updatedAt })
    .from(conversations)
    .where(eq(conversations.userId, userId))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(LISTED_CONVERSATIONS);
  return rows.map((r) => ({ id: r.id, title: r.title, updatedAt: r.updatedAt.toISOString() }));
}

function toMessageView(m: ChatMessage): MessageView {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    status: m.status,
    creditsSpent: m.creditsSpent,
    createdAt: m.createdAt.toISOString(),
  };
}

/**
 * The owner's conversation, 50 messages at a time: the latest, or those before
 * the message `before` names, oldest first; 404 for anyone else. Messages are
 * ordered by (created_at, role, id), compared in the database so the cursor
 * keeps created_at's microseconds.
 */
export async function getConversation(
  userId: string,
  conversationId: string,
  query: z.infer<typeof conversationPageQuery> = {},
): Promise<ConversationView> {
  const db = getDb();
  const [conversation] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)));
  if (!conversation) throw new ConversationNotFound();
  const cursor = alias(chatMessages, "cursor");
  const cursorRow = (before: string) => and(eq(cursor.id, before), eq(cursor.conversationId, conversationId));
  const rows = await db
    .select()
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.conversationId, conversationId),
        query.before
          ? and(
              // The first bound alone can use the (conversation_id, created_at) index; the row comparison is the order's.
              lte(chatMessages.createdAt, db.select({ createdAt: cursor.createdAt }).from(cursor).where(cursorRow(query.before))),
              sql`(${chatMessages.createdAt}, ${chatMessages.role}, ${chatMessages.id}) < (${db
                .select({ createdAt: cursor.createdAt, role: cursor.role, id: cursor.id })
                .from(cursor)
                .where(cursorRow(query.before))})`,
            )
          : undefined,
      ),
    )
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.role), desc(chatMessages.id))
    .limit(MESSAGES_PER_PAGE + 1);
  if (query.before && rows.length === 0 && !(await isMessageOf(conversationId, query.before))) {
    throw problems.invalidInput("before: no message of this conversation has this id");
  }
  const { items, next } = keysetPage(rows, MESSAGES_PER_PAGE, toMessageView);
  return { id: conversation.id, title: conversation.title, messages: items.reverse(), nextBefore: next };
}

async function isMessageOf(conversationId: string, messageId: string): Promise<boolean> {
  const [message] = await getDb()
    .select({ id: chatMessages.id })
    .from(chatMessages)
    .where(and(eq(chatMessages.id, messageId), eq(chatMessages.conversationId, conversationId)));
  return message !== undefined;
}

/** 404 unless the conversation is the person's own. */
export async function ensureOwnConversation(userId: string, conversationId: string): Promise<void> {
  const [own] = await getDb()
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)));
  if (!own) throw new ConversationNotFound();
}

/**
 * The conversation's latest answered turns that fit in `budgetTokens`, oldest
 * first: what the model sees besides the new question. Failed answers, empty
 * ones, and the questions they left unanswered are left out.
 */
export async function recentTurns(conversationId: string, budgetTokens: number): Promise<ChatTurn[]> {
  const rows = await getDb()
    .select({ role: chatMessages.role, content: chatMessages.content, holdId: chatMessages.holdId, status: chatMessages.status })
    .from(chatMessages)
    .where(eq(chatMessages.conversationId, conversationId))
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.role))
    .limit(CONTEXT_TURNS);
  // An empty answer is one stopped before any text, which older versions kept: its question was never answered.
  const answered = new Set(rows.filter((r) => r.role === "assistant" && r.status !== "failed" && r.content !== "").map((r) => r.holdId));
  const turns: ChatTurn[] = [];
  let spent = 0;
  for (const row of rows) {
    if (!answered.has(row.holdId)) continue;
    spent += estimateTokens(row.content);
    if (spent > budgetTokens) break;
    turns.unshift({ role: row.role, content: row.content });
  }
  // A context never starts with an answer whose question did not fit.
  while (turns[0]?.role === "assistant") turns.shift();
  return turns;
}

/**
 * Records the question (and the conversation, for a first question) under the
 * hold that pays for it, before the model is asked. `created` says the
 * conversation is new, so it has no earlier turns to read.
 */
export async function recordQuestion(q: {
  userId: string;
  conversationId?: string;
  holdId: number;
  question: string;
}): Promise<{ conversationId: string; created: boolean }> {
  return getDb().transaction(async (tx) => {
    if (!q.conversationId) {
      const [created] = await tx.insert(conversations).values({ userId: q.userId, title: titleFrom(q.question) }).returning({ id: conversations.id });
      await tx.insert(chatMessages).values({ conversationId: created!.id, role: "user", content: q.question, holdId: q.holdId });
      return { conversationId: created!.id, created: true };
    }
    // The conversation's row first, locked: one being forgotten meanwhile (forgetUnansweredQuestion) is then gone, a 404.
    const [own] = await tx
      .update(conversations)
      .set({ updatedAt: sql`now()` })
      .where(and(eq(conversations.id, q.conversationId), eq(conversations.userId, q.userId)))
      .returning({ id: conversations.id });
    if (!own) throw new ConversationNotFound();
    await tx.insert(chatMessages).values({ conversationId: q.conversationId, role: "user", content: q.question, holdId: q.holdId });
    return { conversationId: q.conversationId, created: false };
  });
}

/** Stores the answer in the transaction that settles its hold, so the charge and the answer commit together. */
export async function recordAnswer(
  tx: Transaction,
  a: { conversationId: string; holdId: number; content: string; status: ChatMessageStatus; creditsSpent: number },
): Promise<string> {
  const [message] = await tx
    .insert(chatMessages)
    .values({ conversationId: a.conversationId, role: "assistant", content: a.content, status: a.status, creditsSpent: a.creditsSpent, holdId: a.holdId })
    .returning({ id: chatMessages.id });
  await tx.update(conversations).set({ updatedAt: sql`now()` }).where(eq(conversations.id, a.conversationId));
  return message!.id;
}

/**
 * Deletes the question of a hold whose answer never began, in the transaction
 * that releases the hold, and its conversation when nothing else is left in it:
 * a question nobody paid for is neither kept nor read back. The conversation's
 * row is locked first, so a question being added to it meanwhile either comes
 * first (and the conversation stays) or finds it gone.
 */
export async function forgetUnansweredQuestion(tx: Transaction, q: { conversationId: string; holdId: number }): Promise<void> {
  await tx.delete(chatMessages).where(and(eq(chatMessages.holdId, q.holdId), eq(chatMessages.role, "user")));
  await tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, q.conversationId)).for("update");
  const [left] = await tx.select({ id: chatMessages.id }).from(chatMessages).where(eq(chatMessages.conversationId, q.conversationId)).limit(1);
  if (!left) await tx.delete(conversations).where(eq(conversations.id, q.conversationId));
}

/** The stored question and answer of a hold, for a repeated request. */
export async function findExchange(holdId: number): Promise<{ conversationId: string; answer?: ChatMessage } | undefined> {
  const rows = await getDb()
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.holdId, holdId), inArray(chatMessages.role, ["user", "assistant"])));
  const question = rows.find((r) => r.role === "user");
  if (!question) return undefined;
  return { conversationId: question.conversationId, answer: rows.find((r) => r.role === "assistant") };
}
