import { PREMIUM_MESSAGE_COST } from "@/lib/chat/premium-chat";
import { config } from "@/lib/env";
import { formatCredits } from "@/lib/format";
import { listOwnPayments, type PaymentView } from "@/lib/payments/queries";
import { REFUNDABLE_DAYS, WITHDRAWAL_DAYS } from "@/lib/payments/refund-quote";
import { describeDays } from "./policy-document";

/** When the phone line is answered; e-mail is read on the same days. Stated here until it needs to differ per deployment. */
export const SUPPORT_HOURS = "평일 10:00~18:00 (점심시간 12:00~13:00, 주말·공휴일 휴무)";

const RECENT_PAYMENTS_SHOWN = 5;

/** The payments a signed-in person may want to quote when asking for help, newest first. */
export function recentPaymentsForSupport(userId: string): Promise<PaymentView[]> {
  return listOwnPayments(userId, RECENT_PAYMENTS_SHOWN);
}

export type FrequentQuestion = { question: string; answer: string; href: string; label: string };

/** The questions /support answers before anyone has to call, each pointing to where the rest is. */
export function frequentQuestions(): FrequentQuestion[] {
  const { credits } = config();
  return [
    {
      question: "크레딧은 어디에 쓰나요?",
      answer: `프리미엄 채팅에서 메시지 1개를 보낼 때마다 ${formatCredits(PREMIUM_MESSAGE_COST)} 크레딧을 씁니다. 장애로 답변을 받지 못하면 크레딧은 쓰이지 않습니다.`,
      href: "/chat",
      label: "프리미엄 채팅",
    },
    {
      question: "크레딧은 언제까지 쓸 수 있나요?",
      answer: `유료 크레딧은 결제일로부터 ${describeDays(credits.paidValidDays)}, 보너스 크레딧은 지급일로부터 ${describeDays(credits.bonusValidDays)} 동안 쓸 수 있습니다.`,
      href: "/account",
      label: "내 계정에서 크레딧 보기",
    },
    {
      question: "환불은 어떻게 하나요?",
      answer: `내 계정 → 결제 내역에서 환불 버튼을 누르면 됩니다. 결제 후 ${WITHDRAWAL_DAYS}일 이내는 수수료 없이, 그 뒤 ${REFUNDABLE_DAYS}일까지는 수수료 ${credits.refundFeePercent}%를 빼고, 유료 크레딧에서 사용한 크레딧(보너스 포함)을 뺀 만큼 환불합니다.`,
      href: "/refund-policy",
      label: "환불 정책",
    },
    {
      question: "가상계좌로 결제했는데 크레딧이 없어요.",
      answer: "크레딧은 입금이 확인되면 바로 지급됩니다. 입금 기한과 계좌는 내 계정 → 결제 내역에서 볼 수 있습니다.",
      href: "/account",
      label: "결제 내역",
    },
    {
      question: "자동 충전을 멈추려면?",
      answer: "내 계정 → 자동 충전에서 끄거나 등록한 카드를 삭제하면, 아직 요청되지 않은 충전은 결제되지 않습니다.",
      href: "/account",
      label: "내 계정",
    },
  ];
}
