/** One turn of a conversation, as the model sees it. */
export type ChatTurn = { role: "user" | "assistant"; content: string };

/** What a premium answer is made from: the conversation's recent turns, ending with the new question. */
export type ChatQuestion = { turns: ChatTurn[]; balance: number };

/**
 * Answers premium chat messages as a stream of text pieces. Implementations must
 * stop promptly when `signal` aborts (the caller's timeout, or the person stopping).
 */
export interface ChatResponder {
  readonly name: string;
  stream(question: ChatQuestion, signal: AbortSignal): AsyncIterable<string>;
}

/** The question being answered: the last turn. */
export function latestQuestion(question: ChatQuestion): string {
  return question.turns.at(-1)?.content ?? "";
}
