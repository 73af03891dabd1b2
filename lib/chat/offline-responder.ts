import { setTimeout as sleep } from "node:timers/promises";
import { formatCredits, formatKrw } from "@/lib/format";
import { latestQuestion, type ChatQuestion, type ChatResponder } from "./responder";

type Pack = { name: string; credits: number; amount: number };

type Topic = { keywords: RegExp; answer: (q: ChatQuestion, packs: Pack[]) => string };

const TOPICS: Topic[] = [
  {
    keywords: /잔액|잔고|남은|보유|balance/i,
    answer: (q) => `이 답변 뒤 보유 크레딧은 **${formatCredits(q.balance)}**입니다. 프리미엄 메시지 하나에 10 크레딧이 사용됩니다.`,
  },
  {
    keywords: /표|비교|table/i,
    answer: (_q, packs) =>
      [
        "크레딧 팩을 표로 정리했습니다.",
        "",
        "| 팩 | 크레딧 | 가격 |",
        "|---|---:|---:|",
        ...packs.map((p) => `| ${p.name} | ${formatCredits(p.credits)} | ${formatKrw(p.amount)} |`),
      ].join("\n"),
  },
  {
    keywords: /코드|예제|code|api/i,
    answer: () =>
      [
        "잔액은 API로도 확인할 수 있습니다:",
        "",
        "```sh",
        "curl -b cookies.txt https://credits.example.com/api/credits",
        "```",
        "",
        "응답의 `balance`가 보유 크레딧입니다.",
      ].join("\n"),
  },
  {
    keywords: /가격|얼마|팩|구매|충전|price|pack|buy/i,
    answer: (_q, packs) =>
      [
        "크레딧 팩은 다음과 같습니다.",
        "",
        ...packs.map((p) => `- **${p.name}**: ${formatKrw(p.amount)}`),
        "",
        "크레딧 구매 페이지에서 PortOne으로 결제할 수 있습니다.",
      ].join("\n"),
  },
  {
    keywords: /환불|취소|refund|cancel/i,
    answer: () =>
      "결제 후 7일 안에는 유료 크레딧에서 사용한 크레딧(보너스 포함)을 뺀 만큼 수수료 없이 환불할 수 있고, 그 뒤 1년까지는 수수료를 빼고 환불됩니다. 내 계정의 결제 내역에서 신청하세요.",
  },
  {
    keywords: /크레딧|어떻게|사용|credit|how/i,
    answer: () =>
      "AInfo 챗봇은 무료이고, 프리미엄 답변은 메시지당 10 크레딧입니다. 크레딧은 답변이 완성될 때만 차감되고, 실패하면 돌려드립니다.",
  },
];

/** The answer to a question, whole: which topic it is about decides it, and nothing else. */
export function offlineAnswer(question: ChatQuestion, packs: Pack[]): string {
  const message = latestQuestion(question);
  const topic = TOPICS.find((t) => t.keywords.test(message));
  if (topic) return topic.answer(question, packs);
  const excerpt = message.trim().slice(0, 80);
  const earlier = question.turns.length > 1 ? ` 이 대화의 앞선 메시지 ${question.turns.length - 1}개도 함께 읽었습니다.` : "";
  return `프리미엄 답변(오프라인 모드): "${excerpt}"에 대해 물어보셨네요.${earlier} 지금은 언어 모델 없이 동작 중이라 크레딧, 요금, 환불에 관한 질문에 답할 수 있습니다. CHAT_API_URL을 설정하면 실제 모델이 답합니다.`;
}

/**
 * The pieces an answer streams in: each word with the space after it, the answer
 * first cut to `maxTokens` characters (a token per character, as a model's bound
 * is estimated here), so it is never longer than a model's would be.
 */
export function offlinePieces(answer: string, maxTokens: number): string[] {
  const bounded = Array.from(answer).slice(0, maxTokens).join("");
  return bounded.match(/\s*\S+\s*/gu) ?? [bounded];
}

/**
 * The default responder: deterministic and offline (no network, no model), with
 * useful answers about the service itself, streamed a word at a time with
 * `pieceDelayMs` between words, so the page shows it arriving as a model's would,
 * and bounded by `maxTokens` as a model's answer is.
 */
export class OfflineResponder implements ChatResponder {
  readonly name = "offline";
  private readonly pieceDelayMs: number;
  private readonly maxTokens: number;

  constructor(
    private readonly packs: () => Promise<Pack[]>,
    options: { maxTokens: number; pieceDelayMs?: number },
  ) {
    this.maxTokens = options.maxTokens;
    this.pieceDelayMs = options.pieceDelayMs ?? 0;
  }

  async *stream(question: ChatQuestion, signal: AbortSignal): AsyncIterable<string> {
    signal.throwIfAborted();
    const pieces = offlinePieces(offlineAnswer(question, await this.packs()), this.maxTokens);
    for (const [i, piece] of pieces.entries()) {
      if (i > 0 && this.pieceDelayMs > 0) await sleep(this.pieceDelayMs, undefined, { signal });
      signal.throwIfAborted();
      yield piece;
    }
  }
}
