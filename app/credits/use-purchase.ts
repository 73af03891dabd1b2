"use client";

import { useCallback, useRef, useState } from "react";
import type { CheckoutRequest, OrderMethod } from "@/lib/payments/orders";
import type { CompletionView } from "@/lib/payments/complete";
import { ApiError, callApi } from "@/lib/http/client";
import { openCheckout } from "@/lib/portone/checkout";
import type { PurchaseState } from "./purchase-result";

const PENDING_RECHECKS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describeFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "PORTONE_UNAVAILABLE") return "결제 서비스(PortOne)에 연결할 수 없습니다. 잠시 후 다시 확인해 주세요.";
    if (error.status === 401) return "로그인이 필요합니다. 다시 로그인해 주세요.";
    return error.message;
  }
  return "네트워크 오류가 발생했습니다. 연결을 확인하고 다시 시도해 주세요.";
}

/** Asks the server to verify the payment with PortOne; re-checks a few times while PortOne still says pending. */
export function useCompletion(onBalance?: (balance: number) => void) {
  const [state, setState] = useState<PurchaseState>({ kind: "idle" });

  const complete = useCallback(
    async (paymentId: string): Promise<void> => {
      setState({ kind: "working", message: "결제를 확인하는 중입니다…" });
      try {
        let result: CompletionView | undefined;
        for (let attempt = 0; attempt <= PENDING_RECHECKS; attempt++) {
          if (attempt > 0) await sleep(1_000 * attempt);
          result = await callApi<CompletionView>(`/api/payments/${encodeURIComponent(paymentId)}/complete`, {
            method: "POST",
          });
          if (result.status !== "PENDING") break;
        }
        onBalance?.(result!.balance);
        setState({ kind: "completed", ...result! });
      } catch (error) {
        setState({ kind: "error", message: describeFailure(error), retryPaymentId: paymentId });
      }
    },
    [onBalance],
  );

  return { state, setState, complete };
}

/** Order → PortOne checkout → completion, with one checkout at a time however often the button is pressed. */
export function usePurchase(sdkUrl: string | undefined, onBalance: (balance: number) => void) {
  const { state, setState, complete } = useCompletion(onBalance);
  const busy = useRef(false);
  const [activePack, setActivePack] = useState<string | null>(null);

  const buy = useCallback(
    async (packId: string, method: OrderMethod) => {
      if (busy.current) return;
      busy.current = true;
      setActivePack(packId);
      try {
        setState({ kind: "working", message: "주문을 만드는 중입니다…" });
        // The purchase panel asks for the consent before it lets a buy through.
        const order = await callApi<CheckoutRequest>("/api/payments", { body: { packId, ...method, agreedToTerms: true } });
        setState({ kind: "working", message: "결제창에서 결제를 진행해 주세요." });
        const outcome = await openCheckout(order, sdkUrl);
        switch (outcome.kind) {
          case "redirected":
            setState({ kind: "working", message: "결제 페이지로 이동하는 중입니다…" });
            return;
          case "unavailable":
            setState({ kind: "error", message: "결제창을 불러오지 못했습니다. 페이지를 새로고침한 뒤 다시 시도해 주세요." });
            return;
          case "failed":
            if (outcome.cancelledByCustomer) setState({ kind: "cancelled" });
            else setState({ kind: "declined", message: outcome.message });
            void callApi(`/api/payments/${encodeURIComponent(outcome.paymentId)}/complete`, { method: "POST" }).catch(() => {});
            return;
          case "paid":
            await complete(outcome.paymentId);
            return;
        }
      } catch (error) {
        setState({ kind: "error", message: describeFailure(error) });
      } finally {
        busy.current = false;
        setActivePack(null);
      }
    },
    [sdkUrl, setState, complete],
  );

  return { state, buy, complete, activePack };
}
