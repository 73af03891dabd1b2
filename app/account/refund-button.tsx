"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, callApi } from "@/lib/http/client";
import { formatCredits } from "@/lib/format";
import styles from "./refund-button.module.css";

const MESSAGES: Record<string, string> = {
  CREDITS_ALREADY_SPENT: "이 결제로 받은 크레딧을 이미 사용해 환불할 수 없습니다.",
  NOT_REFUNDABLE: "환불할 수 없는 결제입니다.",
  PORTONE_UNAVAILABLE: "결제 서비스(PortOne)에 연결할 수 없어 환불하지 못했습니다. 아무것도 바뀌지 않았습니다. 잠시 후 다시 시도해 주세요.",
  RATE_LIMITED: "환불 요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.",
};

function refundErrorMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return "네트워크 오류로 환불하지 못했습니다.";
  return MESSAGES[e.code ?? ""] ?? e.message;
}

// PortOne may have cancelled: the page shows the payment's credits held until its answer comes.
const outcomeUnknown = (e: unknown) => e instanceof ApiError && e.problem.outcome === "unknown";

export function RefundButton(props: { paymentId: string; credits: number; orderName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function refund() {
    if (!window.confirm(`${props.orderName}을(를) 환불할까요? ${formatCredits(props.credits)} 크레딧이 회수됩니다.`)) return;
    setPending(true);
    setError(null);
    try {
      await callApi(`/api/payments/${encodeURIComponent(props.paymentId)}/refund`, { method: "POST" });
      router.refresh();
    } catch (e) {
      if (outcomeUnknown(e)) router.refresh();
      else setError(refundErrorMessage(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <button type="button" className="secondary" disabled={pending} onClick={() => void refund()}>
        {pending ? "환불하는 중…" : "환불"}
      </button>
      {error && (
        <p role="alert" className={`alert error ${styles.error}`}>
          {error}
        </p>
      )}
    </>
  );
}
