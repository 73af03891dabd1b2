"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { describeOperatorRefund, type RefundPreviewInput } from "@/lib/admin/payments-refund-preview";
import { formatCredits, formatKrw } from "@/lib/format";
import { EMPTY_REFUND_ACCOUNT, RefundAccountFields, refundAccountComplete, type RefundAccountInput } from "@/app/components/refund-account-fields";
import { ApiError, callApi } from "@/lib/http/client";
import styles from "./payment-actions.module.css";

type Notice = { tone: "success" | "error"; text: string };
type RefundResult = { status: string; cancelledAmount: number; creditsRevoked: number; balance: number };

function problemText(e: unknown): string {
  if (!(e instanceof ApiError)) return "네트워크 오류로 요청하지 못했습니다. 다시 시도해 주세요.";
  if (e.code === "PORTONE_UNAVAILABLE" && e.problem.outcome === "unknown") {
    return "PortOne이 취소를 아직 확인하지 않았습니다. 취소되었을 수 있으니 다시 시도하기 전에 'PortOne에서 다시 읽기'로 확인해 주세요. 시도는 감사 로그에 남았습니다.";
  }
  if (e.code === "PORTONE_UNAVAILABLE") return `PortOne에 연결할 수 없거나 PortOne이 거절했습니다. 아무것도 바뀌지 않았습니다. (${e.message})`;
  if (e.code === "SELF_ACTION_FORBIDDEN") return "내 계정의 결제는 환불할 수 없습니다. 다른 운영자에게 요청해 주세요.";
  if (e.code === "REFUND_ACCOUNT_REQUIRED") return "가상계좌 결제는 환불 받을 계좌(은행, 계좌번호, 예금주)가 있어야 취소할 수 있습니다.";
  if (e.code === "REFUND_PENDING") return "고객의 환불이나 다른 운영자의 취소가 PortOne의 답을 기다리고 있습니다. 'PortOne에서 다시 읽기'로 확인한 뒤 다시 시도해 주세요.";
  if (e.code === "APPROVAL_PENDING") return "이 결제의 환불 요청이 이미 승인을 기다리고 있습니다. 승인 대기 화면에서 먼저 결정해 주세요.";
  return e.message;
}

/** The operator's two actions on a payment: re-sync from PortOne, and a refund confirmed after a preview of what it takes back. */
export function PaymentActions(props: { paymentId: string; cancellable: number; refundAccountRequired: boolean; preview: RefundPreviewInput }) {
  return (
    <section className="card section" aria-labelledby="actions-heading">
      <h2 id="actions-heading" className="flush-top">
        조치
      </h2>
      <div className={styles.columns}>
        <ResyncForm paymentId={props.paymentId} />
        {props.cancellable > 0 ? (
          <RefundForm {...props} />
        ) : (
          <p className="muted">취소할 수 있는 금액이 없습니다 (결제 완료 상태가 아니거나 이미 전액 취소됨).</p>
        )}
      </div>
    </section>
  );
}

function Status({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return notice.tone === "error" ? (
    <p role="alert" className="alert error">
      {notice.text}
    </p>
  ) : (
    <p role="status" className="alert success">
      {notice.text}
    </p>
  );
}

function ResyncForm({ paymentId }: { paymentId: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      const r = await callApi<{ status: string; changed: boolean }>(`/api/admin/payments/${encodeURIComponent(paymentId)}/sync`, { body: { reason } });
      setNotice({ tone: "success", text: r.changed ? `PortOne 기록을 반영했습니다. 상태: ${r.status}` : `바뀐 것이 없습니다. 상태: ${r.status}` });
      setReason("");
      router.refresh();
    } catch (error) {
      setNotice({ tone: "error", text: problemText(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="stack" aria-labelledby="resync-heading">
      <h3 id="resync-heading" className="flush">
        PortOne에서 다시 읽기
      </h3>
      <label>
        사유
        <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />
      </label>
      <button type="submit" className="secondary" disabled={busy}>
        {busy ? "읽는 중…" : "다시 읽기"}
      </button>
      <Status notice={notice} />
    </form>
  );
}

function RefundForm({
  paymentId,
  cancellable,
  refundAccountRequired,
  preview,
}: {
  paymentId: string;
  cancellable: number;
  refundAccountRequired: boolean;
  preview: RefundPreviewInput;
}) {
  const router = useRouter();
  const hintId = useId();
  const [amount, setAmount] = useState(String(cancellable));
  const [reason, setReason] = useState("");
  const [account, setAccount] = useState<RefundAccountInput>(EMPTY_REFUND_ACCOUNT);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const value = Number(amount);
  const valid = Number.isInteger(value) && value >= 1 && value <= cancellable;

  function review(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    if (!valid) {
      setNotice({ tone: "error", text: `금액은 1원부터 ${formatKrw(cancellable)}까지 입력할 수 있습니다.` });
      return;
    }
    if (refundAccountRequired && !refundAccountComplete(account)) {
      setNotice({ tone: "error", text: "가상계좌 결제입니다: 환불 받을 계좌의 은행, 계좌번호, 예금주를 입력해 주세요." });
      return;
    }
    setConfirming(true);
  }

  async function confirm() {
    setBusy(true);
    setNotice(null);
    try {
      const body = {
        ...(value === cancellable ? {} : { amount: value }),
        reason,
        ...(refundAccountRequired ? { refundAccount: account } : {}),
      };
      const r = await callApi<RefundResult | { approvalId: string }>(`/api/admin/payments/${encodeURIComponent(paymentId)}/refund`, { body });
      setNotice({
        tone: "success",
        text:
          "approvalId" in r
            ? `${formatKrw(value)} 환불은 다른 운영자의 승인을 기다립니다 (운영 콘솔 → 승인 대기). 승인되면 그대로 취소됩니다.`
            : `${formatKrw(value)} 취소했습니다. 크레딧 ${formatCredits(r.creditsRevoked)}개 회수, 고객 잔액 ${formatCredits(r.balance)}.`,
      });
      setConfirming(false);
      setReason("");
      router.refresh();
    } catch (error) {
      setNotice({ tone: "error", text: problemText(error) });
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={review} className="stack" aria-labelledby="refund-heading">
      <h3 id="refund-heading" className="flush">
        환불 (PortOne 취소)
      </h3>
      <label>
        취소 금액 (원)
        <input
          value={amount}
          onChange={(e) => {
            setAmount(e.target.value);
            setConfirming(false);
          }}
          inputMode="numeric"
          pattern="[0-9]*"
          required
          aria-describedby={hintId}
          disabled={busy}
        />
      </label>
      <p id={hintId} className="note muted">
        최대 {formatKrw(cancellable)}. 고객 환불 규정과 관계없이 취소되며, 크레딧은 취소 금액에 비례해 회수됩니다.
      </p>
      <label>
        사유
        <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} disabled={busy} />
      </label>
      {refundAccountRequired && (
        <RefundAccountFields
          value={account}
          onChange={(next) => {
            setAccount(next);
            setConfirming(false);
          }}
          disabled={busy}
        />
      )}
      {confirming && valid ? (
        <div className={styles.confirm} role="group" aria-labelledby="refund-confirm-text">
          <p id="refund-confirm-text" className={styles.summary}>
            {describeOperatorRefund(preview, value)}
          </p>
          <div className={styles.buttons}>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              돌아가기
            </button>
            <button type="button" onClick={confirm} disabled={busy}>
              {busy ? "취소하는 중…" : "확정"}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit">환불 내용 확인</button>
      )}
      <Status notice={notice} />
    </form>
  );
}
