/**
 * Korean banks by the code PortOne uses for them (its `Bank` enum), the ones
 * people hold accounts at: how a virtual account's bank is shown, and the
 * banks a virtual-account refund can be paid into. Browser-safe.
 */
export const BANKS = {
  KOOKMIN: "KB국민은행",
  SHINHAN: "신한은행",
  WOORI: "우리은행",
  HANA: "하나은행",
  NONGHYUP: "NH농협은행",
  LOCAL_NONGHYUP: "지역농축협",
  IBK: "IBK기업은행",
  KAKAO: "카카오뱅크",
  TOSS: "토스뱅크",
  K_BANK: "케이뱅크",
  SUHYUP: "수협은행",
  KDB: "산업은행",
  DAEGU: "iM뱅크",
  BUSAN: "부산은행",
  KYONGNAM: "경남은행",
  KWANGJU: "광주은행",
  JEONBUK: "전북은행",
  JEJU: "제주은행",
  POST: "우체국",
  KFCC: "새마을금고",
  SHINHYUP: "신협",
  SAVINGS_BANK: "저축은행",
  CITI: "한국씨티은행",
  STANDARD_CHARTERED: "SC제일은행",
} as const;

export type BankCode = keyof typeof BANKS;

export const BANK_CODES = Object.keys(BANKS) as [BankCode, ...BankCode[]];

/** A bank's Korean name; a code outside the list shows as it is. */
export function bankName(code: string | null): string {
  return code ? (BANKS[code as BankCode] ?? code) : "은행";
}
