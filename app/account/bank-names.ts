/** Korean names of the banks PortOne reports by code (the common ones; others show their code). */
const BANK_NAMES: Record<string, string> = {
  KOOKMIN: "KB국민은행",
  SHINHAN: "신한은행",
  WOORI: "우리은행",
  HANA: "하나은행",
  NONGHYUP: "NH농협은행",
  INDUSTRIAL: "IBK기업은행",
  KAKAO: "카카오뱅크",
  TOSS: "토스뱅크",
  K_BANK: "케이뱅크",
  POST: "우체국",
  BUSAN: "부산은행",
  DAEGU: "iM뱅크",
  KYONGNAM: "경남은행",
  GWANGJU: "광주은행",
  JEONBUK: "전북은행",
  SUHYUP: "수협은행",
  SAEMAUL: "새마을금고",
  SHINHYEOP: "신협",
};

export function bankName(code: string | null): string {
  return code ? (BANK_NAMES[code] ?? code) : "은행";
}
