import { config, type BusinessIdentity } from "@/lib/env";
import { link, list, paragraph, POLICY_EFFECTIVE_DATE, type PolicySection } from "./policy-document";

export type PrivacyInput = {
  business: BusinessIdentity;
  /** The host premium chat questions are sent to, when a language model is configured (CHAT_API_URL). */
  languageModelHost: string | undefined;
};

/** 개인정보처리방침, as published on /privacy (개인정보 보호법 30조). */
export function privacyPolicy({ business, languageModelHost }: PrivacyInput): PolicySection[] {
  const processors = [
    "코리아포트원(PortOne): 결제대행, 결제 정보의 전달과 결제·취소 처리, 자동 충전 카드의 빌링키 발급",
    "전자지급결제대행사(PG)와 카드사·간편결제사(카카오페이, 네이버페이, 토스페이): 결제 승인과 취소",
  ];
  if (languageModelHost) {
    processors.push(`언어 모델 제공자(${languageModelHost}): 프리미엄 채팅의 질문과 그 대화의 앞부분을 보내 답변을 만듭니다. 이메일과 이름은 보내지 않습니다.`);
  }
  return [
    {
      id: "intro",
      heading: "총칙",
      blocks: [
        paragraph(
          `${business.name}(이하 "회사")는 개인정보 보호법 등 관련 법령을 지키며, 회원의 개인정보를 어떻게 수집·이용·보관·파기하는지 이 방침으로 알립니다.`,
        ),
      ],
    },
    {
      id: "items",
      heading: "1. 수집하는 개인정보 항목",
      blocks: [
        list(
          "회원가입: 이메일(필수), 이름(선택), 비밀번호(복원할 수 없는 해시로만 저장)",
          "크레딧 구매: 결제번호, 상품, 금액, 결제 일시, 결제수단(카드사·간편결제사 이름, 가상계좌 은행과 계좌번호), 영수증 주소. 카드 번호는 받지 않습니다.",
          "자동 충전: 결제대행사가 발급한 빌링키와 카드사 이름",
          "프리미엄 채팅: 질문과 답변, 대화 제목",
          "서비스 이용 중 자동 생성: 접속 IP 주소와 접속 기록(로그인 시도 제한 등 부정 이용 방지), 로그인 세션 쿠키",
        ),
      ],
    },
    {
      id: "purposes",
      heading: "2. 개인정보의 처리 목적",
      blocks: [
        list(
          "회원 식별, 로그인과 계정 관리",
          "크레딧 판매, 결제와 환불, 크레딧 지급·사용 내역 관리",
          "프리미엄 채팅 제공과 대화 기록 보관",
          "부정 이용 방지와 보안, 고객 문의와 분쟁 처리",
        ),
      ],
    },
    {
      id: "retention",
      heading: "3. 보유 및 이용 기간",
      blocks: [
        paragraph("회사는 회원 탈퇴 시까지 개인정보를 보유하고, 탈퇴하면 지체 없이 파기합니다. 다만 다음 정보는 법령이 정한 기간 동안 보관합니다."),
        list(
          "계약 또는 청약철회 등에 관한 기록: 5년 (전자상거래 등에서의 소비자보호에 관한 법률)",
          "대금결제 및 재화 등의 공급에 관한 기록: 5년 (같은 법)",
          "소비자의 불만 또는 분쟁처리에 관한 기록: 3년 (같은 법)",
          "웹사이트 방문에 관한 기록(접속 기록): 3개월 (통신비밀보호법)",
        ),
      ],
    },
    {
      id: "third-parties",
      heading: "4. 개인정보의 제3자 제공",
      blocks: [paragraph("회사는 회원의 동의가 있거나 법령에 특별한 규정이 있는 경우를 제외하고 개인정보를 제3자에게 제공하지 않습니다.")],
    },
    {
      id: "processors",
      heading: "5. 개인정보 처리의 위탁",
      blocks: [
        paragraph("회사는 서비스 제공을 위해 다음과 같이 개인정보 처리를 위탁하며, 위탁받은 자가 개인정보를 안전하게 처리하도록 관리·감독합니다."),
        list(...processors),
      ],
    },
    {
      id: "rights",
      heading: "6. 정보주체의 권리와 행사 방법",
      blocks: [
        paragraph(
          "회원은 언제든지 자신의 개인정보의 열람, 정정, 삭제, 처리정지를 요구하고 회원 탈퇴를 요청할 수 있습니다. 결제·사용 내역과 크레딧은 내 계정에서 직접 볼 수 있으며, 그 밖의 요구는 개인정보 보호책임자에게 이메일이나 전화로 하시면 지체 없이 처리합니다.",
        ),
        paragraph("법령이 보관을 정한 정보는 그 기간 동안 삭제를 요구할 수 없습니다."),
      ],
    },
    {
      id: "destruction",
      heading: "7. 개인정보의 파기 절차와 방법",
      blocks: [
        paragraph(
          "보유 기간이 끝났거나 처리 목적을 이룬 개인정보는 지체 없이 파기합니다. 법령에 따라 보관하는 정보는 다른 정보와 분리해 보관하고 그 기간이 지나면 파기합니다. 전자 파일은 복원할 수 없는 방법으로 삭제합니다.",
        ),
      ],
    },
    {
      id: "safeguards",
      heading: "8. 개인정보의 안전성 확보 조치",
      blocks: [
        list(
          "비밀번호는 scrypt 해시로만 저장하며, 누구도 원래 비밀번호를 알 수 없습니다.",
          "모든 통신은 암호화(HTTPS)하고, 로그인 세션은 서명된 쿠키로만 유지합니다.",
          "운영자 권한은 필요한 사람에게만 주고, 운영자의 조치는 감사 기록으로 남깁니다.",
          "로그인 시도와 결제 요청의 횟수를 제한해 부정 이용을 막습니다.",
          "카드 번호는 저장하지 않으며, 결제는 결제대행사의 결제창에서 이루어집니다.",
        ),
      ],
    },
    {
      id: "cookies",
      heading: "9. 쿠키의 사용",
      blocks: [paragraph("회사는 로그인 상태를 유지하는 쿠키만 사용하며, 광고나 행태 분석을 위한 쿠키는 쓰지 않습니다. 브라우저에서 쿠키를 막으면 로그인할 수 없습니다.")],
    },
    {
      id: "officer",
      heading: "10. 개인정보 보호책임자",
      blocks: [
        list(`개인정보 보호책임자: ${business.privacyOfficer}`, `전화: ${business.phone}`, `이메일: ${business.email}`),
        link("개인정보에 관한 문의와 불만은 위 연락처나 고객센터로 해 주세요.", "/support", "고객센터"),
      ],
    },
    {
      id: "remedies",
      heading: "11. 권익침해 구제 방법",
      blocks: [
        paragraph("개인정보 침해에 대한 신고나 상담은 다음 기관에도 할 수 있습니다."),
        list(
          "개인정보분쟁조정위원회: 1833-6972 (www.kopico.go.kr)",
          "개인정보침해신고센터: 국번 없이 118 (privacy.kisa.or.kr)",
          "대검찰청: 국번 없이 1301",
          "경찰청: 국번 없이 182",
        ),
      ],
    },
    {
      id: "effective",
      heading: "12. 시행일",
      blocks: [paragraph(`이 개인정보처리방침은 ${POLICY_EFFECTIVE_DATE}부터 시행합니다.`)],
    },
  ];
}

/** The privacy policy for this deployment: its seller, and the language model its chat uses if any. */
export function currentPrivacyPolicy(): PolicySection[] {
  const { business, chat } = config();
  return privacyPolicy({ business, languageModelHost: chat.endpoint && new URL(chat.endpoint.baseURL).host });
}
