/** What a premium answer is made from. */
export type ChatQuestion = { message: string; balance: number };

/** Answers premium chat messages. Implementations must honour `signal` (the caller's timeout). */
export interface ChatResponder {
  readonly name: string;
  reply(question: ChatQuestion, signal: AbortSignal): Promise<string>;
}
