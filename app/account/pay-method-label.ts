import type { PaymentView } from "@/lib/payments/queries";

const EASY_PAY: Record<string, string> = { KAKAOPAY: "카카오페이", NAVERPAY: "네이버페이", TOSSPAY: "토스페이" };

/** How a payment was paid, in the words of the purchase page. */
export function payMethodLabel(p: Pick<PaymentView, "payMethod" | "easyPayProvider">): string {
  if (p.easyPayProvider) return EASY_PAY[p.easyPayProvider] ?? "간편결제";
  if (p.payMethod === "VIRTUAL_ACCOUNT") return "가상계좌";
  if (p.payMethod === "EASY_PAY") return "간편결제";
  return "카드";
}
