"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { EMPTY_REFUND_ACCOUNT, RefundAccountFields, refundAccountComplete, type RefundAccountInput } from "@/app/components/refund-account-fields";
import { ApiError, callApi } from "@/lib/http/client";
import { formatCredits, formatKrw } from "@/lib/format";
import type { RefundQuote } from "@/lib/payments/refund-quote";
import { describeRefundQuote, refundRuleLine } from "@/lib/payments/refund-quote-text";
import styles from "./refund-button.module.css";
import { useAnnounceRefund } from "./refund-notices";

type RefundResult = { paymentId: string; status: string; refundedAmount: number; balance: number };
type Phase = "idle" | "quoting" | "open" | "submitting";

const MESSAGES: Record<string, string> = {
  PORTONE_UNAVAILABLE: "결제 서비스(PortOne)에 연결할 수 없어 환불하지 못했습니다. 아무것도 바뀌지 않았습니다. 잠시 후 다시 시도해 주세요.",
  REFUND_ACCOUNT_REQUIRED: "가상계좌로 입금한 결제는 환불 받을 계좌가 필요합니다. 은행, 계좌번호, 예금주를 입력해 주세요.",
  INVALID_INPUT: "환불 받을 계좌 정보를 확인해 주세요. 계좌번호는 숫자(또는 -)로, 예금주는 이름으로 입력합니다.",
  RATE_LIMITED: "환불 요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.",
};
const REFUSED = "PortOne이 이 결제의 취소를 거절해 환불하지 못했습니다. 아무것도 바뀌지 않았습니다. 계속되면 고객센터로 문의해 주세요.";
const QUOTE_CHANGED = "환불 금액이 바뀌었습니다. 새 금액을 확인하고 다시 확정해 주세요.";
const OUTCOME_UNKNOWN =
  "PortOne이 아직 환불을 확인하지 않았습니다. 확인될 때까지 이 결제의 크레딧은 보류되어 쓸 수 없습니다. 몇 분 뒤 다시 확인해 주세요.";

function errorMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return "네트워크 오류로 환불하지 못했습니다. 다시 시도해 주세요.";
  if (e.problem.outcome === "refused") return REFUSED;
  return MESSAGES[e.code ?? ""] ?? e.message;
}

// PortOne may have cancelled: the page shows the payment's credits held until its answer comes.
const outcomeUnknown = (e: unknown) => e instanceof ApiError && e.problem.outcome === "unknown";

function isQuote(value: unknown): value is RefundQuote {
  if (typeof value !== "object" || value === null) return false;
  const q = value as Record<string, unknown>;
  return typeof q.refundable === "boolean" && ["amount", "paidCredits", "bonusCredits", "fee"].every((k) => typeof q[k] === "number");
}

/**
 * The refund of one payment: asks the server for the quote, shows it in a
 * dialog, and refunds exactly that amount when the person confirms; a quote
 * that moved in between comes back to be confirmed again.
 */
export function RefundButton(props: { paymentId: string; orderName: string; feePercent: number; refundAccountRequired: boolean }) {
  const router = useRouter();
  const announce = useAnnounceRefund();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const [phase, setPhase] = useState<Phase>("idle");
  const [quote, setQuote] = useState<RefundQuote | null>(null);
  const [notice, setNotice] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const [account, setAccount] = useState<RefundAccountInput>(EMPTY_REFUND_ACCOUNT);
  const base = `/api/payments/${encodeURIComponent(props.paymentId)}`;
  const visible = phase === "open" || phase === "submitting";

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (visible && !d.open) {
      d.showModal();
      // The least destructive choice first: Enter on an unread dialog must not refund.
      cancelButton.current?.focus();
    } else if (!visible && d.open) d.close();
  }, [visible]);

  useEffect(() => {
    // A confirm button that went away (the payment became unrefundable) must not leave focus outside the dialog.
    const d = dialog.current;
    if (d?.open && !d.contains(document.activeElement)) cancelButton.current?.focus();
  }, [quote, notice, phase]);

  async function openQuote() {
    if (phase !== "idle") return;
    setPhase("quoting");
    setQuoteError(null);
    setNotice(null);
    try {
      setQuote(await callApi<RefundQuote>(`${base}/refund-quote`));
      setPhase("open");
    } catch (e) {
      setQuoteError(e instanceof ApiError ? e.message : "네트워크 오류로 환불 금액을 불러오지 못했습니다.");
      setPhase("idle");
    }
  }

  async function confirm(expected: RefundQuote) {
    if (props.refundAccountRequired && !refundAccountComplete(account)) {
      setNotice({ tone: "error", text: "환불 받을 계좌의 은행, 계좌번호, 예금주를 모두 입력해 주세요." });
      return;
    }
    setPhase("submitting");
    setNotice(null);
    try {
      const body = { expectedAmount: expected.amount, ...(props.refundAccountRequired ? { refundAccount: account } : {}) };
      const result = await callApi<RefundResult>(`${base}/refund`, { body });
      setPhase("idle");
      announce({
        tone: "success",
        text: `${props.orderName} 환불을 마쳤습니다: ${formatKrw(result.refundedAmount)} 환불 · 보유 크레딧 ${formatCredits(result.balance)}`,
      });
      router.refresh();
    } catch (e) {
      if (outcomeUnknown(e)) {
        setPhase("idle");
        announce({ tone: "info", text: OUTCOME_UNKNOWN });
        router.refresh();
      } else if (e instanceof ApiError && e.code === "QUOTE_CHANGED" && isQuote(e.problem.quote)) {
        setQuote(e.problem.quote);
        setNotice({ tone: "info", text: QUOTE_CHANGED });
        setPhase("open");
      } else if (e instanceof ApiError && e.code === "NOT_REFUNDABLE") {
        setQuote({ ...expected, refundable: false, rule: "NOT_REFUNDABLE", reason: e.message });
        setPhase("open");
      } else {
        setNotice({ tone: "error", text: errorMessage(e) });
        setPhase("open");
      }
    }
  }

  const submitting = phase === "submitting";
  const ruleLine = quote && refundRuleLine(quote.rule, props.feePercent);
  const headingId = `refund-heading-${props.paymentId}`;

  return (
    <>
      {/* aria-disabled, not disabled: the button keeps focus while the quote loads, and gets it back when the dialog closes. */}
      <button
        type="button"
        ref={trigger}
        className={`secondary ${styles.trigger}`}
        aria-disabled={phase !== "idle"}
        aria-haspopup="dialog"
        onClick={() => void openQuote()}
      >
        {phase === "quoting" ? "환불 금액 확인 중…" : "환불"}
      </button>
      {quoteError && (
        <p role="alert" className={`alert error ${styles.error}`}>
          {quoteError}
        </p>
      )}
      <dialog
        ref={dialog}
        className={styles.dialog}
        aria-labelledby={headingId}
        aria-busy={submitting}
        onCancel={(e) => {
          // While the refund is on its way its answer has to land somewhere the person can see.
          if (submitting) e.preventDefault();
        }}
        onClose={() => {
          setPhase((p) => (p === "submitting" ? p : "idle"));
          trigger.current?.focus();
        }}
      >
        <h2 id={headingId} className={styles.heading}>
          {props.orderName} 환불
        </h2>
        {quote?.refundable ? (
          <>
            <p className={styles.quote} data-testid="refund-quote">
              {describeRefundQuote(quote)}
            </p>
            {ruleLine && <p className={styles.rule}>{ruleLine}</p>}
            {props.refundAccountRequired && <RefundAccountFields value={account} onChange={setAccount} disabled={submitting} />}
          </>
        ) : (
          <p role="alert" className={`alert error ${styles.error}`}>
            {quote?.reason ?? "환불할 수 없는 결제입니다."}
          </p>
        )}
        <div aria-live="polite">
          {notice && (
            <p className={`alert ${notice.tone} ${styles.error}`} role={notice.tone === "error" ? "alert" : undefined}>
              {notice.text}
            </p>
          )}
        </div>
        <div className={styles.actions}>
          {quote?.refundable && (
            <button type="button" disabled={submitting} onClick={() => void confirm(quote)}>
              {submitting ? "환불하는 중…" : "환불 확정"}
            </button>
          )}
          <button type="button" className="secondary" ref={cancelButton} disabled={submitting} onClick={() => setPhase("idle")}>
            {quote?.refundable ? "취소" : "닫기"}
          </button>
        </div>
      </dialog>
    </>
  );
}
