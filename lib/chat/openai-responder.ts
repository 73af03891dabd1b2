import OpenAI from "openai";
import type { ChatQuestion, ChatResponder } from "./responder";

const SYSTEM_PROMPT =
  "You are AInfo's premium assistant. Answer helpfully and concisely, in the language of the question. Use Markdown where it helps.";

/**
 * Any OpenAI-compatible chat completions endpoint (CHAT_API_URL, CHAT_API_KEY, CHAT_MODEL), streamed,
 * each answer bounded by `maxTokens` (CHAT_MAX_TOKENS).
 */
export class OpenAICompatibleResponder implements ChatResponder {
  readonly name = "openai-compatible";
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly maxTokens: number;

  constructor(options: { baseURL: string; apiKey: string; model: string; maxTokens: number }) {
    // Retries would bill the user's wait, not their credits; the caller's timeout governs.
    this.client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey, maxRetries: 0 });
    this.model = options.model;
    this.maxTokens = options.maxTokens;
  }

  async *stream(question: ChatQuestion, signal: AbortSignal): AsyncIterable<string> {
    const stream = await this.client.chat.completions.create(
      {
        model: this.model,
        stream: true,
        // max_tokens, not OpenAI's newer max_completion_tokens: the one every OpenAI-compatible server reads
        // (Ollama, LM Studio and llama.cpp's servers know only it).
        max_tokens: this.maxTokens,
        messages: [{ role: "system", content: SYSTEM_PROMPT }, ...question.turns],
      },
      { signal },
    );
    let finished = false;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta?.content) yield choice.delta.content;
      if (choice?.finish_reason) finished = true;
    }
    // A stream that ends without a finish reason was cut off: not a whole answer. "length" is one:
    // the answer reached max_tokens, a whole answer of the size asked for.
    if (!finished) throw new Error("the chat endpoint's stream ended before the answer finished");
  }
}
