import type { PaymentStatus } from "@/db/schema";

const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  PENDING: "결제 대기",
  VIRTUAL_ACCOUNT_ISSUED: "입금 대기 (가상계좌)",
  PAID: "결제 완료",
  FAILED: "결제 실패",
  CANCELLED: "결제 취소",
  PARTIAL_CANCELLED: "부분 취소",
  AMOUNT_MISMATCH: "금액 불일치",
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return (
    <span className="status" data-status={status}>
      {PAYMENT_STATUS_LABELS[status]}
    </span>
  );
}
