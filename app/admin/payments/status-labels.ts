import type { PaymentStatus } from "@/db/schema";

/** The status filter's choices, in the order an operator looks for them. */
export const STATUS_OPTIONS: Array<{ value: PaymentStatus; label: string }> = [
  { value: "PAID", label: "결제 완료" },
  { value: "PARTIAL_CANCELLED", label: "부분 취소" },
  { value: "CANCELLED", label: "결제 취소" },
  { value: "PENDING", label: "결제 대기" },
  { value: "VIRTUAL_ACCOUNT_ISSUED", label: "입금 대기 (가상계좌)" },
  { value: "FAILED", label: "결제 실패" },
  { value: "AMOUNT_MISMATCH", label: "금액 불일치" },
];
