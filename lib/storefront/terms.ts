import { PREMIUM_MESSAGE_COST } from "@/lib/chat/premium-chat";
import { config, type AppConfig, type BusinessIdentity } from "@/lib/env";
import { formatCredits } from "@/lib/format";
import { REFUNDABLE_DAYS, WITHDRAWAL_DAYS } from "@/lib/payments/refund-quote";
import { describeDays, link, list, paragraph, POLICY_EFFECTIVE_DATE, type PolicySection } from "./policy-document";

export type TermsInput = { business: BusinessIdentity; credits: AppConfig["credits"]; messageCost: number };

/** 이용약관, as published on /terms: its refund article states the refund quote's own numbers. */
export function termsOfService({ business, credits, messageCost }: TermsInput): PolicySection[] {
  const article = (n: number, id: string, title: string, ...blocks: PolicySection["blocks"]): PolicySection => ({
    id,
    heading: `제${n}조 (${title})`,
    blocks,
  });
  return [
    article(
      1,
      "purpose",
      "목적",
      paragraph(
        `이 약관은 ${business.name}(이하 "회사")가 제공하는 AInfo 챗봇 서비스와 크레딧의 이용 조건 및 절차, 회사와 회원의 권리·의무와 책임을 정합니다.`,
      ),
    ),
    article(
      2,
      "definitions",
      "정의",
      list(
        '"서비스": 회사가 제공하는 AInfo 챗봇과 그에 딸린 기능',
        '"회원": 이 약관에 동의하고 이메일로 가입해 서비스를 이용하는 사람',
        '"크레딧": 프리미엄 채팅 등 유료 기능에 쓰는 서비스 안의 이용 단위',
        '"유료 크레딧": 회원이 대금을 내고 구매한 크레딧',
        '"보너스 크레딧": 크레딧 팩에 더해 드리거나 이벤트·운영자가 무상으로 지급한 크레딧',
        `"프리미엄 채팅": 메시지 1개를 보낼 때마다 ${formatCredits(messageCost)} 크레딧을 쓰는 고급 챗봇 기능`,
      ),
    ),
    article(
      3,
      "publication",
      "약관의 게시와 개정",
      paragraph("회사는 이 약관을 서비스의 모든 페이지 하단에 있는 이용약관 링크로 게시합니다."),
      paragraph(
        "회사는 관련 법령을 위반하지 않는 범위에서 약관을 개정할 수 있으며, 개정할 때는 시행일 7일 전(회원에게 불리한 개정은 30일 전)부터 개정 내용과 시행일을 서비스에 공지합니다.",
      ),
      paragraph("회원은 개정 약관에 동의하지 않으면 이용을 중단하고 탈퇴할 수 있습니다."),
    ),
    article(
      4,
      "service",
      "서비스의 내용",
      list(
        "무료로 이용하는 AInfo 챗봇",
        "크레딧으로 이용하는 프리미엄 채팅과 대화 기록 보관",
        "크레딧 구매, 자동 충전, 환불과 결제·사용 내역 조회",
      ),
      paragraph("챗봇의 답변은 인공지능이 만든 것으로 부정확하거나 최신이 아닐 수 있습니다. 중요한 판단에는 답변을 그대로 믿지 말고 확인해 주세요."),
    ),
    article(
      5,
      "purchase",
      "크레딧 구매와 결제",
      paragraph("회원은 회사가 정한 크레딧 팩을 구매할 수 있으며, 결제 전에 상품, 가격, 지급 크레딧, 유효기간과 환불 조건을 확인하고 동의해야 합니다."),
      paragraph(
        "결제는 결제대행사 코리아포트원(PortOne)과 각 전자지급결제대행사(PG)를 통해 신용·체크카드, 간편결제(카카오페이, 네이버페이, 토스페이), 가상계좌로 할 수 있습니다. 회사는 카드 번호를 저장하지 않습니다.",
      ),
      paragraph("크레딧은 결제가 확인되면 바로 지급하며, 가상계좌는 입금이 확인된 뒤 지급합니다."),
    ),
    article(
      6,
      "auto-top-up",
      "자동 충전",
      paragraph(
        "회원이 카드를 등록하고 자동 충전을 켜면, 보유 크레딧이 회원이 정한 기준 아래로 내려갈 때 회원이 고른 팩을 등록한 카드로 결제합니다. 한 달 결제 한도는 회원이 정하며, 한도를 넘는 충전은 하지 않습니다.",
      ),
      paragraph(
        "자동 충전은 내 계정 → 자동 충전에서 언제든 끄거나 등록한 카드를 삭제해 멈출 수 있으며, 멈추면 아직 요청되지 않은 충전은 결제되지 않습니다. 카드 결제가 거절되면 자동 충전은 자동으로 꺼집니다.",
      ),
    ),
    article(
      7,
      "validity",
      "크레딧의 사용과 유효기간",
      list(
        `유료 크레딧은 결제일로부터 ${describeDays(credits.paidValidDays)}, 보너스 크레딧은 지급일로부터 ${describeDays(credits.bonusValidDays)} 동안 쓸 수 있으며, 기간이 지나면 소멸합니다.`,
        "크레딧은 유효기간이 먼저 끝나는 것부터 쓰입니다.",
        "크레딧은 현금으로 바꾸거나 다른 회원에게 넘길 수 없습니다.",
      ),
    ),
    article(
      8,
      "refunds",
      "청약철회와 환불",
      paragraph(`회원은 결제일로부터 ${WITHDRAWAL_DAYS}일 이내에 수수료 없이 구매를 철회할 수 있으며, 이미 쓴 크레딧은 환불되지 않습니다.`),
      paragraph(
        `결제 후 ${WITHDRAWAL_DAYS}일이 지나면 결제일로부터 ${REFUNDABLE_DAYS}일까지 유료 크레딧에서 사용한 크레딧(보너스 포함)을 뺀 만큼을 수수료 ${credits.refundFeePercent}%를 빼고 환불합니다. 보너스 크레딧은 환불하지 않으며, 사용한 보너스 크레딧은 환불 금액에서 빠집니다.`,
      ),
      link("환불 금액의 계산, 방법과 처리 기간은 환불 정책에 따릅니다.", "/refund-policy", "환불 정책"),
    ),
    article(
      9,
      "member-duties",
      "회원의 의무",
      list(
        "가입할 때 사실대로 적고, 계정과 비밀번호를 다른 사람이 쓰지 않게 관리합니다.",
        "다른 사람의 정보나 결제수단을 쓰지 않습니다.",
        "자동화된 대량 요청 등으로 서비스의 운영을 방해하지 않습니다.",
        "챗봇을 법령에 어긋나거나 다른 사람의 권리를 해치는 데 쓰지 않습니다.",
      ),
    ),
    article(
      10,
      "company-duties",
      "회사의 의무",
      list(
        "회사는 법령과 이 약관을 지키며 서비스를 안정적으로 제공하도록 노력합니다.",
        "회사는 개인정보처리방침에 따라 회원의 개인정보를 보호합니다.",
        "회사는 결제가 확인된 만큼만 크레딧을 지급하고, 결제·사용·환불 내역을 회원이 확인할 수 있게 합니다.",
        "회사는 회원의 불만과 문의를 고객센터에서 받아 신속히 처리하고, 처리 결과를 알립니다.",
      ),
      link("개인정보의 처리는 개인정보처리방침에 따릅니다.", "/privacy", "개인정보처리방침"),
    ),
    article(
      11,
      "suspension",
      "서비스의 중단",
      paragraph(
        "회사는 설비의 점검·교체, 장애, 천재지변 등 부득이한 사유가 있으면 서비스를 일시 중단할 수 있으며, 미리 공지하되 부득이한 경우 사후에 알립니다. 장애로 답변을 받지 못한 프리미엄 채팅 메시지에는 크레딧이 쓰이지 않습니다.",
      ),
      paragraph("회사가 서비스를 종료할 때는 30일 전에 공지하고, 남은 유료 크레딧은 유효기간과 관계없이 환불합니다."),
    ),
    article(
      12,
      "disputes",
      "분쟁 해결",
      paragraph("회사와 회원 사이의 분쟁은 고객센터에서 먼저 협의하며, 회원은 한국소비자원이나 전자거래분쟁조정위원회에 조정을 신청할 수 있습니다."),
      paragraph("이 약관은 대한민국 법률에 따르며, 소송은 민사소송법이 정하는 관할 법원에 제기합니다."),
      link(`문의: ${business.phone}, ${business.email}.`, "/support", "고객센터"),
    ),
    {
      id: "addendum",
      heading: "부칙",
      blocks: [paragraph(`이 약관은 ${POLICY_EFFECTIVE_DATE}부터 시행합니다.`)],
    },
  ];
}

/** The terms for this deployment's seller and settings. */
export function currentTerms(): PolicySection[] {
  const { business, credits } = config();
  return termsOfService({ business, credits, messageCost: PREMIUM_MESSAGE_COST });
}
