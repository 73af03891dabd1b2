"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { AutoTopUpView } from "@/lib/auto-topup/settings";
import { callApi } from "@/lib/http/client";
import { registrationCancelled } from "@/lib/portone/card-registration";
import { describeAutoTopUpProblem } from "../auto-topup-problems";

type LandingState =
  | { kind: "saving" }
  | { kind: "saved"; card: string }
  | { kind: "cancelled" }
  | { kind: "error"; message: string };

function initialState(props: { billingKey: string | null; code: string | null; pgCode: string | null; message: string | null }): LandingState {
  // The query is anyone's to write: its message only tells a cancel from a refusal and is never shown,
  // and the billing key is kept only after PortOne confirms it is this person's.
  if (props.code) return registrationCancelled(props) ? { kind: "cancelled" } : { kind: "error", message: "카드사 또는 결제대행사에서 카드 등록을 승인하지 않았습니다." };
  if (!props.billingKey) return { kind: "error", message: "카드 등록 정보가 없습니다. 내 계정의 자동 충전에서 다시 등록해 주세요." };
  return { kind: "saving" };
}

/** Keeps the card PortOne's redirect flow returned with, and says how it went. */
export function CardRegistrationLanding(props: { billingKey: string | null; code: string | null; pgCode: string | null; message: string | null }) {
  const [state, setState] = useState<LandingState>(() => initialState(props));
  const sent = useRef(false);
  const { billingKey } = props;

  useEffect(() => {
    if (state.kind !== "saving" || !billingKey || sent.current) return;
    sent.current = true;
    callApi<AutoTopUpView>("/api/auto-topup/card", { body: { billingKey } })
      .then((view) => {
        const last4 = view.card?.billingKeyLast4;
        setState({ kind: "saved", card: `${view.card?.issuer ?? "카드"}${last4 ? ` ···· ${last4}` : ""}` });
      })
      .catch((error: unknown) => setState({ kind: "error", message: describeAutoTopUpProblem(error) }));
  }, [state.kind, billingKey]);

  return (
    <>
      {state.kind === "saving" && (
        <p className="alert info" role="status" aria-live="polite">
          카드를 확인하고 있습니다…
        </p>
      )}
      {state.kind === "saved" && (
        <p className="alert success" role="status">
          카드를 등록했습니다: {state.card}. 자동 충전을 켜면 이 카드로 결제됩니다.
        </p>
      )}
      {state.kind === "cancelled" && (
        <p className="alert info" role="status">
          카드 등록을 취소했습니다. 요금은 청구되지 않았습니다.
        </p>
      )}
      {state.kind === "error" && (
        <p className="alert error" role="alert">
          {state.message}
        </p>
      )}
      <p>
        <Link href="/account#auto-topup">자동 충전 설정으로 돌아가기</Link>
      </p>
    </>
  );
}
