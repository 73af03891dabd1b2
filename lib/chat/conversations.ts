import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import { chatMessages, conversations, type ChatMessage, type ChatMessageStatus } from "@/db/schema";
import { Problem } from "@/lib/http/problem";
import type { ChatTurn } from "./responder";

/** Another person's conversation and one that does not exist are the same 404. */
export class ConversationNotFound extends Problem {
  constructor() {
    super(404, "CONVERSATION_NOT_FOUND", "No such conversation", "There is no conversation with this id for this account.");
  }
}

export type ConversationSummary = { id: string; title: string; updatedAt: string };
export type MessageView = { id: string; role: "user" | "assistant"; content: string; status: ChatMessageStatus; creditsSpent: number; createdAt: string };
export type ConversationView = { id: string; title: string; messages: MessageView[] };

const TITLE_LENGTH = 40;
const LISTED_CONVERSATIONS = 50;
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

/** The owner's conversation with its messages, oldest first; 404 for anyone else. */
export async function getConversation(userId: string, conversationId: string): Promise<ConversationView> {
  const db = getDb();
  const [conversation] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)));
  if (!conversation) throw new ConversationNotFound();
  const messages = await db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.conversationId, conversationId))
    .orderBy(chatMessages.createdAt, chatMessages.role);
  return { id: conversation.id, title: conversation.title, messages: messages.map(toMessageView) };
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
 * first: what the model sees besides the new question. Failed answers and the
 * questions they left unanswered are left out.
 */
export async function recentTurns(conversationId: string, budgetTokens: number): Promise<ChatTurn[]> {
  const rows = await getDb()
    .select({ role: chatMessages.role, content: chatMessages.content, holdId: chatMessages.holdId, status: chatMessages.status })
    .from(chatMessages)
    .where(eq(chatMessages.conversationId, conversationId))
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.role))
    .limit(CONTEXT_TURNS);
  const answered = new Set(rows.filter((r) => r.role === "assistant" && r.status !== "failed").map((r) => r.holdId));
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
    await tx.insert(chatMessages).values({ conversationId: q.conversationId, role: "user", content: q.question, holdId: q.holdId });
    await tx.update(conversations).set({ updatedAt: sql`now()` }).where(eq(conversations.id, q.conversationId));
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
