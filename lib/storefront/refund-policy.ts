import { PREMIUM_MESSAGE_COST } from "@/lib/chat/premium-chat";
import { config, type AppConfig, type BusinessIdentity } from "@/lib/env";
import { formatCredits, formatKrw } from "@/lib/format";
import { listActivePacks, type PackView } from "@/lib/payments/packs";
import { quoteRefund, REFUNDABLE_DAYS, WITHDRAWAL_DAYS, type QuoteFacts, type RefundQuote } from "@/lib/payments/refund-quote";
import { describeRefundQuote } from "@/lib/payments/refund-quote-text";
import { describeDays, link, list, paragraph, type PolicySection } from "./policy-document";

/** What the refund policy is made of: the refund quote's constants, the credit settings, the packs on sale. */
export type RefundPolicyInput = {
  packs: PackView[];
  credits: AppConfig["credits"];
  business: BusinessIdentity;
  messageCost: number;
};

/** The numbers the policy states, each read from the code that applies it. */
export type RefundPolicyTerms = {
  withdrawalDays: number;
  refundableDays: number;
  feePercent: number;
  paidValidDays: number;
  bonusValidDays: number;
  messageCost: number;
};

/** A pack and what one of its paid credits is refunded at: its price divided by its paid credits. */
export type PackRefundValue = PackView & { wonPerPaidCredit: number };

/** A refund worked through by the refund quote itself: the published answer is the code's answer. */
export type WorkedExample = {
  id: string;
  situation: string;
  outcome: string;
  facts: QuoteFacts;
  quote: RefundQuote;
};

export type RefundPolicy = {
  terms: RefundPolicyTerms;
  packs: PackRefundValue[];
  sections: PolicySection[];
  examples: WorkedExample[];
};

const DAY_MS = 86_400_000;
// Any fixed moment does: the examples depend only on the days between payment and refund.
const EXAMPLE_PAID_AT = new Date("2026-01-05T10:00:00+09:00");

/**
 * What is left of a pack's credits after spending `spent` of them, in the order the ledger spends
 * (the lot that expires first, and bonus before paid on the same date), with no other credits.
 */
export function unusedAfterSpending(pack: PackView, spent: number, credits: RefundPolicyInput["credits"]): QuoteFacts["unused"] {
  const bonusFirst = credits.bonusValidDays <= credits.paidValidDays;
  const first = bonusFirst ? pack.bonusCredits : pack.paidCredits;
  const fromFirst = Math.min(first, spent);
  const fromSecond = Math.min(bonusFirst ? pack.paidCredits : pack.bonusCredits, spent - fromFirst);
  return bonusFirst
    ? { bonus: pack.bonusCredits - fromFirst, paid: pack.paidCredits - fromSecond }
    : { paid: pack.paidCredits - fromFirst, bonus: pack.bonusCredits - fromSecond };
}

/** The facts of a refund of `pack`, bought with nothing else, `spent` credits used, asked for `day` days after paying. */
export function exampleFacts(pack: PackView, spent: number, day: number, credits: RefundPolicyInput["credits"]): QuoteFacts {
  return {
    payment: {
      status: "PAID",
      amount: pack.amount,
      cancelledAmount: 0,
      paidCredits: pack.paidCredits,
      bonusCredits: pack.bonusCredits,
      paidAt: EXAMPLE_PAID_AT,
      creditedAt: EXAMPLE_PAID_AT,
    },
    unused: unusedAfterSpending(pack, spent, credits),
    used: spent,
    refundPending: false,
    now: new Date(EXAMPLE_PAID_AT.getTime() + day * DAY_MS),
  };
}

function workedExample(id: string, pack: PackView, spent: number, day: number, input: RefundPolicyInput): WorkedExample {
  const facts = exampleFacts(pack, spent, day, input.credits);
  const quote = quoteRefund(facts, { feePercent: input.credits.refundFeePercent });
  const messages = spent % input.messageCost === 0 ? `(프리미엄 채팅 ${spent / input.messageCost}번)` : "";
  const use = spent === 0 ? "하나도 쓰지 않고" : `${formatCredits(spent)} 크레딧${messages}을 쓴 뒤`;
  return {
    id,
    situation: `${pack.name} 팩(${formatKrw(pack.amount)})을 사고 ${use} 결제 ${day}일 후 환불을 요청하면`,
    outcome: quote.refundable ? describeRefundQuote(quote) : `환불되지 않습니다. ${quote.reason}`,
    facts,
    quote,
  };
}

/** The pack the examples use: the first with a bonus, so they show what happens to it. */
function examplePack(packs: PackView[]): PackView | undefined {
  return packs.find((p) => p.bonusCredits > 0) ?? packs[0];
}

function workedExamples(input: RefundPolicyInput): WorkedExample[] {
  const pack = examplePack(input.packs);
  if (!pack) return [];
  const tenMessages = Math.min(pack.credits, 10 * input.messageCost);
  const early = Math.min(3, WITHDRAWAL_DAYS);
  return [
    workedExample("untouched-within-withdrawal", pack, 0, early, input),
    workedExample("used-within-withdrawal", pack, tenMessages, early, input),
    workedExample("used-after-withdrawal", pack, tenMessages, WITHDRAWAL_DAYS + 1, input),
    workedExample("after-refundable-window", pack, tenMessages, REFUNDABLE_DAYS + 1, input),
  ];
}

function packValues(packs: PackView[]): PackRefundValue[] {
  return packs.map((p) => ({ ...p, wonPerPaidCredit: Math.floor(p.amount / p.paidCredits) }));
}

/** "유료 크레딧 1개는 ₩10" when every pack agrees, which the worth of a chat message is then stated in. */
function uniformCreditValue(packs: PackRefundValue[]): number | undefined {
  const values = new Set(packs.map((p) => p.amount / p.paidCredits));
  const [value] = values;
  return values.size === 1 && Number.isInteger(value) ? value : undefined;
}

function sections(terms: RefundPolicyTerms, packs: PackRefundValue[], examples: WorkedExample[], business: BusinessIdentity): PolicySection[] {
  const { withdrawalDays, refundableDays, feePercent, paidValidDays, bonusValidDays, messageCost } = terms;
  const creditValue = uniformCreditValue(packs);
  const spendingOrder =
    bonusValidDays <= paidValidDays
      ? "크레딧은 유효기간이 먼저 끝나는 것부터 쓰이므로, 보너스 크레딧이 유료 크레딧보다 먼저 쓰입니다."
      : "크레딧은 유효기간이 먼저 끝나는 것부터 쓰이며, 유효기간이 같으면 보너스 크레딧이 먼저 쓰입니다.";
  return [
    {
      id: "withdrawal",
      heading: `청약철회 (결제 후 ${withdrawalDays}일 이내)`,
      blocks: [
        paragraph(
          `결제일로부터 ${withdrawalDays}일 이내에는 수수료 없이 구매를 철회할 수 있습니다(전자상거래 등에서의 소비자보호에 관한 법률 제17조).`,
        ),
        list(
          "그 결제의 크레딧을 하나도 쓰지 않았다면 결제 금액 전액을 환불합니다.",
          "크레딧은 나누어 쓸 수 있는 디지털 콘텐츠이므로, 일부를 썼다면 그 결제의 유료 크레딧 수에서 사용한 크레딧 수(보너스 크레딧 포함)를 뺀 만큼 환불합니다.",
        ),
      ],
    },
    {
      id: "used-credits",
      heading: "사용한 크레딧",
      blocks: [
        paragraph(`사용한 크레딧은 유료든 보너스든 환불되지 않으며, 환불 대상에서 빠집니다. 사용 중인 답변이 잡아 둔 크레딧도 사용한 것으로 봅니다. 프리미엄 채팅은 메시지 1개에 ${formatCredits(messageCost)} 크레딧을 씁니다${
          creditValue === undefined ? "" : `(${formatKrw(messageCost * creditValue)} 상당)`
        }.`),
        paragraph(spendingOrder),
      ],
    },
    {
      id: "after-withdrawal",
      heading: `${withdrawalDays}일이 지난 뒤의 환불 (결제 후 ${refundableDays}일까지)`,
      blocks: [
        paragraph(
          `결제 후 ${withdrawalDays}일이 지나면 결제일로부터 ${refundableDays}일까지, 환불 대상 크레딧(유료 크레딧 수에서 사용한 크레딧 수를 뺀 것)의 금액에서 수수료 ${feePercent}%를 뺀 금액을 환불합니다.`,
        ),
        paragraph(`결제 후 ${refundableDays}일이 지난 구매는 환불되지 않습니다.`),
      ],
    },
    {
      id: "amount",
      heading: "환불 금액 계산",
      blocks: [
        paragraph(
          "환불 대상 크레딧은 그 결제의 유료 크레딧 수에서 그 결제로 받은 크레딧 중 사용한 것(보너스 크레딧, 사용 중인 답변이 잡아 둔 크레딧, 유효기간이 지나 소멸한 크레딧, 앞선 결제 취소로 회수된 크레딧 포함)을 뺀 수입니다. 그 1개는 결제 금액을 유료 크레딧 수로 나눈 금액으로 환불합니다. 원 단위 미만은 버립니다.",
        ),
        list(
          ...packs.map(
            (p) =>
              `${p.name}: ${formatKrw(p.amount)}, 유료 크레딧 ${formatCredits(p.paidCredits)}개${
                p.bonusCredits > 0 ? ` + 보너스 크레딧 ${formatCredits(p.bonusCredits)}개` : ""
              } → 유료 크레딧 1개당 ${formatKrw(p.wonPerPaidCredit)}`,
          ),
        ),
      ],
    },
    {
      id: "examples",
      heading: "환불 예시",
      blocks: [{ kind: "examples", items: examples.map(({ situation, outcome }) => ({ situation, outcome })) }],
    },
    {
      id: "bonus",
      heading: "보너스 크레딧은 환불하지 않습니다",
      blocks: [
        paragraph(
          "팩에 더해 드리는 보너스 크레딧과 이벤트·운영자 지급 크레딧은 무상으로 제공되므로 환불하지 않습니다. 보너스 크레딧은 구매를 유지할 때 드리는 혜택이므로, 이미 쓴 보너스 크레딧은 환불 금액에서 유료 크레딧과 같이 빠집니다. 결제를 환불하면 그 결제로 받은 크레딧 중 남은 것은 모두 회수·소멸하고, 환불 뒤 그 결제의 크레딧으로 돌아오는 크레딧(중단된 답변이 잡아 두었던 크레딧)도 소멸합니다.",
        ),
      ],
    },
    {
      id: "validity",
      heading: "유효기간",
      blocks: [
        list(
          `유료 크레딧: 결제일로부터 ${describeDays(paidValidDays)}`,
          `보너스 크레딧: 지급일로부터 ${describeDays(bonusValidDays)}`,
        ),
        paragraph("유효기간이 지난 크레딧은 소멸해 보유 크레딧에서 빠집니다."),
      ],
    },
    {
      id: "fee",
      heading: "수수료",
      blocks: [
        paragraph(
          `결제 후 ${withdrawalDays}일 이내의 환불에는 수수료가 없습니다. 그 뒤의 환불에는 환불 대상 크레딧 금액의 ${feePercent}%를 수수료로 뺍니다(원 단위 미만 버림).`,
        ),
      ],
    },
    {
      id: "how",
      heading: "환불 방법",
      blocks: [
        paragraph("로그인한 뒤 내 계정 → 결제 내역에서 환불할 결제의 환불 버튼을 누르면, 환불 예정 금액과 회수되는 크레딧을 확인하고 확정할 수 있습니다."),
        link("직접 환불할 수 없는 경우 고객센터로 결제번호와 함께 문의해 주세요.", "/support", "고객센터"),
      ],
    },
    {
      id: "processing",
      heading: "처리 기간",
      blocks: [
        paragraph(
          "환불을 확정하면 결제대행사(PortOne)를 통해 바로 결제를 취소하며, 환불 요청을 받은 날부터 3영업일 이내에 처리합니다. 카드 결제는 카드사에 따라 취소가 반영되기까지 3~7영업일이 걸릴 수 있고, 간편결제와 가상계좌는 각 결제수단의 환불 절차를 따릅니다.",
        ),
      ],
    },
    {
      id: "cancellation",
      heading: "결제 취소 시 크레딧 회수",
      blocks: [
        paragraph(
          "회사나 결제대행사가 결제를 전부 또는 일부 취소하면, 그 결제로 지급한 크레딧을 취소된 금액의 비율만큼(올림) 회수합니다. 이미 쓴 크레딧이라 회수할 수 없으면 보유 크레딧이 마이너스로 표시되며, 새로 구매해 메울 때까지 크레딧을 쓸 수 없습니다.",
        ),
      ],
    },
    {
      id: "auto-top-up",
      heading: "자동 충전 결제",
      blocks: [
        paragraph(
          "자동 충전으로 결제된 크레딧도 일반 구매와 같은 규칙으로 환불합니다. 자동 충전은 내 계정 → 자동 충전에서 언제든 끌 수 있으며, 끄면 아직 요청되지 않은 충전은 결제되지 않습니다.",
        ),
      ],
    },
    {
      id: "contact",
      heading: "문의처",
      blocks: [
        list(`상호: ${business.name}`, `전화: ${business.phone}`, `이메일: ${business.email}`, `주소: ${business.address}`),
        link("운영 시간과 최근 결제 내역은 고객센터 페이지에서 볼 수 있습니다.", "/support", "고객센터"),
      ],
    },
  ];
}

/** The refund policy as published on /refund-policy, from the rules the refund quote applies. */
export function refundPolicy(input: RefundPolicyInput): RefundPolicy {
  const terms: RefundPolicyTerms = {
    withdrawalDays: WITHDRAWAL_DAYS,
    refundableDays: REFUNDABLE_DAYS,
    feePercent: input.credits.refundFeePercent,
    paidValidDays: input.credits.paidValidDays,
    bonusValidDays: input.credits.bonusValidDays,
    messageCost: input.messageCost,
  };
  const packs = packValues(input.packs);
  const examples = workedExamples(input);
  return { terms, packs, sections: sections(terms, packs, examples, input.business), examples };
}

/** The refund policy for the packs on sale now and this deployment's settings. */
export async function loadRefundPolicy(): Promise<RefundPolicy> {
  const { credits, business } = config();
  return refundPolicy({ packs: await listActivePacks(), credits, business, messageCost: PREMIUM_MESSAGE_COST });
}
