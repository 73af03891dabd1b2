"use client";

import Link from "next/link";
import { useEffect } from "react";
import { callApi } from "@/lib/http/client";
import { cancelledByCustomer, checkoutFailureReason } from "@/lib/portone/checkout";
import { PurchaseResult } from "../purchase-result";
import { useCompletion } from "../use-purchase";

export function CompletionLanding(props: {
  paymentId: string | null;
  code: string | null;
  message: string | null;
  pgCode: string | null;
}) {
  const { state, setState, complete } = useCompletion();
  const { paymentId, code, message, pgCode } = props;

  useEffect(() => {
    if (!paymentId) {
      setState({ kind: "error", message: "결제 정보가 없습니다. 크레딧 구매 페이지에서 다시 시도해 주세요." });
    } else if (code) {
      // The query is anyone's to write: its message only helps tell a cancel from a decline, and is never shown.
      setState(cancelledByCustomer({ pgCode, message }) ? { kind: "cancelled" } : { kind: "declined", message: checkoutFailureReason(code) });
      void callApi(`/api/payments/${encodeURIComponent(paymentId)}/complete`, { method: "POST" }).catch(() => {});
    } else {
      void complete(paymentId);
    }
  }, [paymentId, code, message, pgCode, setState, complete]);

  return (
    <>
      <PurchaseResult state={state} onRetry={(id) => void complete(id)} />
      <p>
        <Link href="/credits">크레딧 구매로 돌아가기</Link> · <Link href="/account">내 계정</Link>
      </p>
    </>
  );
}
