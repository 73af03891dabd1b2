import OpenAI from "openai";
import type { ChatQuestion, ChatResponder } from "./responder";

const SYSTEM_PROMPT =
  "You are AInfo's premium assistant. Answer helpfully and concisely, in the language of the question. Use Markdown where it helps.";

/** Any OpenAI-compatible chat completions endpoint (CHAT_API_URL, CHAT_API_KEY, CHAT_MODEL), streamed. */
export class OpenAICompatibleResponder implements ChatResponder {
  readonly name = "openai-compatible";
  private readonly client: OpenAI;
  private readonly model: string;

  constructor(options: { baseURL: string; apiKey: string; model: string }) {
    // Retries would bill the user's wait, not their credits; the caller's timeout governs.
    this.client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey, maxRetries: 0 });
    this.model = options.model;
  }

  async *stream(question: ChatQuestion, signal: AbortSignal): AsyncIterable<string> {
    const stream = await this.client.chat.completions.create(
      { model: this.model, stream: true, messages: [{ role: "system", content: SYSTEM_PROMPT }, ...question.turns] },
      { signal },
    );
    let finished = false;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta?.content) yield choice.delta.content;
      if (choice?.finish_reason) finished = true;
    }
    // A stream that ends without a finish reason was cut off: not a whole answer.
    if (!finished) throw new Error("the chat endpoint's stream ended before the answer finished");
  }
}
