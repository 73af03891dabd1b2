import Link from "next/link";
import type { PaymentStatus } from "@/db/schema";
import { formatCredits } from "@/lib/format";

/** What a purchase attempt came to, in the words the person sees. */
export type PurchaseState =
  | { kind: "idle" }
  | { kind: "working"; message: string }
  | { kind: "completed"; status: PaymentStatus; credits: number; creditsGranted: boolean; balance: number }
  | { kind: "cancelled" }
  | { kind: "declined"; message: string }
  | { kind: "error"; message: string; retryPaymentId?: string };

export function PurchaseResult(props: { state: PurchaseState; onRetry?: (paymentId: string) => void }) {
  const { state, onRetry } = props;
  switch (state.kind) {
    case "idle":
      return null;
    case "working":
      return (
        <p className="alert info" role="status" aria-live="polite">
          {state.message}
        </p>
      );
    case "cancelled":
      return (
        <p className="alert info" role="status">
          결제를 취소했습니다. 요금은 청구되지 않았습니다.
        </p>
      );
    case "declined":
      return (
        <p className="alert error" role="alert">
          결제가 거절되었습니다: {state.message || "카드사에서 승인하지 않았습니다."} 다른 카드로 다시 시도해 주세요.
        </p>
      );
    case "error":
      return (
        <div className="alert error" role="alert">
          <p className="flush">{state.message}</p>
          {state.retryPaymentId && onRetry && (
            <button
              type="button"
              className="secondary below-sm"
              onClick={() => onRetry(state.retryPaymentId!)}
            >
              다시 확인
            </button>
          )}
        </div>
      );
    case "completed":
      return <CompletedMessage {...state} />;
  }
}

function CompletedMessage(props: { status: PaymentStatus; credits: number; creditsGranted: boolean; balance: number }) {
  if (props.status === "PAID" && props.creditsGranted) {
    return (
      <div className="alert success" role="status">
        <p className="flush">
          결제가 완료되어 {formatCredits(props.credits)} 크레딧이 충전되었습니다. 보유 크레딧:{" "}
          <strong>{formatCredits(props.balance)}</strong>
        </p>
        <p className="below-sm">
          <Link href="/chat">프리미엄 채팅 시작하기</Link> · <Link href="/account">결제 내역 보기</Link>
        </p>
      </div>
    );
  }
  const messages: Partial<Record<PaymentStatus, string>> = {
    PENDING: "결제를 확인하고 있습니다. 결제가 확인되면 크레딧이 자동으로 충전됩니다.",
    VIRTUAL_ACCOUNT_ISSUED: "가상계좌가 발급되었습니다. 입금이 확인되면 크레딧이 충전됩니다. 계좌 정보는 내 계정에서 볼 수 있습니다.",
    FAILED: "결제에 실패했습니다. 요금은 청구되지 않았습니다.",
    AMOUNT_MISMATCH:
      "결제된 금액이 주문 금액과 달라 크레딧을 지급하지 않았습니다. 고객센터에 문의해 주시면 결제를 확인해 취소해 드립니다.",
    CANCELLED: "취소된 결제입니다.",
    PARTIAL_CANCELLED: "부분 취소된 결제입니다.",
  };
  const ok = props.status === "PENDING" || props.status === "VIRTUAL_ACCOUNT_ISSUED";
  return (
    <p className={`alert ${ok ? "info" : "error"}`} role={ok ? "status" : "alert"}>
      {messages[props.status]}
    </p>
  );
}
