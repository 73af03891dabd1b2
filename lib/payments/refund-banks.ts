import { z } from "zod";

/** The banks a virtual-account refund can be paid into, as PortOne names them (its `Bank` enum), with their Korean names. */
export const REFUND_BANKS = {
  KOOKMIN: "국민은행",
  SHINHAN: "신한은행",
  WOORI: "우리은행",
  HANA: "하나은행",
  NONGHYUP: "NH농협은행",
  LOCAL_NONGHYUP: "지역농축협",
  IBK: "기업은행",
  KAKAO: "카카오뱅크",
  TOSS: "토스뱅크",
  K_BANK: "케이뱅크",
  SUHYUP: "수협은행",
  KDB: "산업은행",
  DAEGU: "아이엠뱅크",
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

export type RefundBank = keyof typeof REFUND_BANKS;

/** The account a virtual-account payment is refunded to (PortOne's `CancelPaymentBody.refundAccount`). */
export const refundAccountSchema = z.object({
  bank: z.enum(Object.keys(REFUND_BANKS) as [RefundBank, ...RefundBank[]], { error: "bank is one of the listed banks" }),
  // Typed with or without dashes; PortOne takes the digits.
  number: z
    .string()
    .trim()
    .regex(/^[0-9][0-9 -]{4,28}[0-9]$/, "number is an account number (digits, dashes allowed)")
    .transform((n) => n.replace(/[^0-9]/g, "")),
  holderName: z.string().trim().min(1, "holderName is required").max(40, "holderName is over 40 characters"),
});

export type RefundAccount = z.infer<typeof refundAccountSchema>;
