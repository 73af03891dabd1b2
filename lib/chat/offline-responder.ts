import { formatCredits, formatKrw } from "@/lib/format";
import type { ChatQuestion, ChatResponder } from "./responder";

type Pack = { name: string; credits: number; amount: number };

type Topic = { keywords: RegExp; answer: (q: ChatQuestion, packs: Pack[]) => string };

const TOPICS: Topic[] = [
  {
    keywords: /잔액|잔고|남은|보유|balance/i,
    answer: (q) => `이 답변 뒤 보유 크레딧은 ${formatCredits(q.balance)}입니다. 프리미엄 메시지 하나에 10 크레딧이 사용됩니다.`,
  },
  {
    keywords: /가격|얼마|팩|구매|충전|price|pack|buy/i,
    answer: (_q, packs) =>
      `크레딧 팩은 ${packs.map((p) => `${p.name} ${formatKrw(p.amount)}`).join(", ")}입니다. 크레딧 구매 페이지에서 PortOne으로 결제할 수 있습니다.`,
  },
  {
    keywords: /환불|취소|refund|cancel/i,
    answer: () =>
      "결제 후 크레딧을 사용하지 않았다면 내 계정의 결제 내역에서 환불할 수 있습니다. 환불하면 그 결제로 받은 크레딧이 회수됩니다.",
  },
  {
    keywords: /크레딧|어떻게|사용|credit|how/i,
    answer: () =>
      "AInfo 챗봇은 무료이고, 프리미엄 답변은 메시지당 10 크레딧입니다. 크레딧은 답변이 완성될 때만 차감되고, 실패하면 돌려드립니다.",
  },
];

/**
 * The default responder: deterministic and offline (no network, no model), with
 * useful answers about the service itself.
 */
export class OfflineResponder implements ChatResponder {
  readonly name = "offline";
  constructor(private readonly packs: () => Promise<Pack[]>) {}

  async reply(question: ChatQuestion, signal: AbortSignal): Promise<string> {
    signal.throwIfAborted();
    const topic = TOPICS.find((t) => t.keywords.test(question.message));
    if (topic) return topic.answer(question, await this.packs());
    const excerpt = question.message.trim().slice(0, 80);
    return `프리미엄 답변(오프라인 모드): "${excerpt}"에 대해 물어보셨네요. 지금은 언어 모델 없이 동작 중이라 크레딧, 요금, 환불에 관한 질문에 답할 수 있습니다. CHAT_API_URL을 설정하면 실제 모델이 답합니다.`;
  }
}
