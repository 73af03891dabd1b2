import type { Payment } from "@portone/server-sdk/payment";
import { failures } from "./errors";
import { escapeHtml, formatAmount } from "./html";

const STATUS_LABELS: Partial<Record<Payment["status"], string>> = {
  PAID: "결제 완료",
  PARTIAL_CANCELLED: "부분 취소",
  CANCELLED: "결제 취소",
};

const dateTime = new Intl.DateTimeFormat("ko-KR", { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone: "Asia/Seoul" });

/** The receipt a PG shows at a paid payment's `receiptUrl`; there is none for a payment never paid. */
export function receiptPage(payment: Payment): string {
  if (payment.status !== "PAID" && payment.status !== "PARTIAL_CANCELLED" && payment.status !== "CANCELLED") {
    throw failures.notPaid();
  }
  const money = (amount: number) => escapeHtml(formatAmount(amount, payment.currency));
  const method = payment.method?.type === "PaymentMethodVirtualAccount" ? "가상계좌" : "카드";
  const rows: Array<[string, string]> = [
    ["상점", escapeHtml(payment.storeId)],
    ["주문", escapeHtml(payment.orderName)],
    ["주문번호", escapeHtml(payment.id)],
    ["거래번호", escapeHtml(payment.transactionId)],
    ["결제일시", escapeHtml(dateTime.format(new Date(payment.paidAt ?? payment.updatedAt)))],
    ["결제수단", method],
    ["결제금액", money(payment.amount.paid)],
    ...(payment.amount.cancelled > 0 ? [["취소금액", money(payment.amount.cancelled)] as [string, string]] : []),
    ["상태", STATUS_LABELS[payment.status]!],
  ];
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>영수증 · ${escapeHtml(payment.orderName)} (PortOne 샌드박스)</title>
<style>
  body { font-family: system-ui, "Apple SD Gothic Neo", "Noto Sans KR", sans-serif; margin: 0; color: #1b1b24; background: #f7f7fb; }
  main { margin: 2rem auto; max-width: 26rem; padding: 1.5rem; background: #fff; border: 1px solid #e2e2ea; border-radius: 12px; }
  .badge { display: inline-block; font-size: .75rem; padding: .15rem .5rem; border-radius: 999px; background: #fff3cd; color: #7a5b00; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .4rem 1rem; margin: 1rem 0 0; }
  dt { color: #5d5d70; }
  dd { margin: 0; text-align: right; overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
  <span class="badge">샌드박스 · 실제 결제되지 않습니다</span>
  <h1>영수증</h1>
  <dl>
${rows.map(([term, value]) => `    <dt>${term}</dt><dd>${value}</dd>`).join("\n")}
  </dl>
</main>
</body>
</html>`;
}
