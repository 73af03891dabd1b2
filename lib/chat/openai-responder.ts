import OpenAI from "openai";
import type { ChatQuestion, ChatResponder } from "./responder";

const SYSTEM_PROMPT =
  "You are AInfo's premium assistant. Answer helpfully and concisely, in the language of the question.";

/** Any OpenAI-compatible chat completions endpoint (CHAT_API_URL, CHAT_API_KEY, CHAT_MODEL). */
export class OpenAICompatibleResponder implements ChatResponder {
  readonly name = "openai-compatible";
  private readonly client: OpenAI;
  private readonly model: string;

  constructor(options: { baseURL: string; apiKey: string; model: string }) {
    // Retries would bill the user's wait, not their credits; the caller's timeout governs.
    this.client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey, maxRetries: 0 });
    this.model = options.model;
  }

  async reply(question: ChatQuestion, signal: AbortSignal): Promise<string> {
    const completion = await this.client.chat.completions.create(
      {
        model: this.model,
        messages: [
          { role: "system", content: SYSTEM_PROMPT },
          { role: "user", content: question.message },
        ],
      },
      { signal },
    );
    const content = completion.choices[0]?.message?.content?.trim();
    if (!content) throw new Error("the chat endpoint answered without content");
    return content;
  }
}
