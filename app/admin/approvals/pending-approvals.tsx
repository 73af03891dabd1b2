"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DataTable } from "@/app/components/data-table";
import type { ApprovalView } from "@/lib/admin/approvals";
import { formatCredits, formatDateTime, formatKrw } from "@/lib/format";
import { ApiError, callApi } from "@/lib/http/client";
import { ApprovalTarget, describeRequest } from "./approval-labels";
import styles from "./approvals.module.css";

type Notice = { tone: "success" | "error"; text: string };

const MESSAGES: Record<string, string> = {
  SELF_APPROVAL_FORBIDDEN: "내가 한 요청은 다른 운영자만 결정할 수 있습니다.",
  SELF_ACTION_FORBIDDEN: "내 계정에 대한 요청은 다른 운영자만 결정할 수 있습니다.",
  APPROVAL_DECIDED: "이미 다른 운영자가 처리한 요청입니다. 목록을 새로 고쳤습니다.",
  APPROVAL_NOT_FOUND: "요청을 찾을 수 없습니다.",
  INVALID_INPUT: "결정 사유를 입력해 주세요.",
};

function failureText(e: unknown): string {
  if (!(e instanceof ApiError)) return "네트워크 오류로 처리하지 못했습니다. 다시 시도해 주세요.";
  if (e.problem.approvalStatus === "FAILED") return `승인했지만 실행하지 못했습니다. 아무것도 바뀌지 않았습니다: ${e.message}`;
  if (e.problem.approvalStatus === "APPROVED") return `승인했고 PortOne에 취소를 보냈지만 결과를 아직 모릅니다. 결제 화면에서 다시 읽어 확인해 주세요. (${e.message})`;
  return MESSAGES[e.code ?? ""] ?? e.message;
}

function successText(decided: ApprovalView): string {
  if (decided.status === "REJECTED") return `거절했습니다: ${describeRequest(decided)}. 아무것도 바뀌지 않았습니다.`;
  const outcome = decided.outcome ?? {};
  const balance = typeof outcome.balance === "number" ? ` 고객 잔액 ${formatCredits(outcome.balance)} 크레딧.` : "";
  const cancelled = typeof outcome.cancelledAmount === "number" ? ` 누적 취소 ${formatKrw(outcome.cancelledAmount)}.` : "";
  return `승인했습니다: ${describeRequest(decided)}.${cancelled}${balance}`;
}

/**
 * The requests waiting for a second operator, each with its decision form. The
 * notice lives outside the table, so it stays once a decided row leaves it.
 */
export function PendingApprovals({ items, operatorId }: { items: ApprovalView[]; operatorId: string }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <>
      {notice && (
        <p role={notice.tone === "error" ? "alert" : "status"} className={`alert ${notice.tone}`}>
          {notice.text}
        </p>
      )}
      <DataTable
        labelledBy="pending-heading"
        empty="기다리는 요청이 없습니다."
        rows={items}
        rowKey={(a) => a.approvalId}
        rowAttributes={(a) => ({ "data-approval-id": a.approvalId })}
        columns={[
          { header: "요청 시각", cell: (a) => formatDateTime(a.requestedAt) },
          { header: "요청자", cell: (a) => a.requestedBy },
          { header: "대상", cell: (a) => <ApprovalTarget approval={a} /> },
          { header: "내용", rowHeader: true, cell: (a) => describeRequest(a) },
          { header: "요청 사유", cell: (a) => a.reason },
          {
            header: "결정",
            cell: (a) =>
              a.requestedById === operatorId ? (
                <span className="muted">내 요청: 다른 운영자가 결정합니다.</span>
              ) : a.customerId === operatorId ? (
                <span className="muted">내 계정 대상: 다른 운영자가 결정합니다.</span>
              ) : (
                <DecisionForm approval={a} onNotice={setNotice} />
              ),
          },
        ]}
      />
    </>
  );
}

function DecisionForm({ approval, onNotice }: { approval: ApprovalView; onNotice: (notice: Notice) => void }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Which of the two buttons sent the form: 승인 or 거절, by mouse or keyboard alike.
    const decision = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;
    if (decision !== "APPROVE" && decision !== "REJECT") return;
    setBusy(true);
    try {
      const decided = await callApi<ApprovalView>(`/api/admin/approvals/${encodeURIComponent(approval.approvalId)}`, { body: { decision, reason } });
      onNotice({ tone: "success", text: successText(decided) });
    } catch (error) {
      onNotice({ tone: "error", text: failureText(error) });
    } finally {
      setBusy(false);
      router.refresh();
    }
  }

  return (
    <form onSubmit={submit} className={styles.decision} aria-label={`${describeRequest(approval)} 결정`}>
      <label>
        결정 사유
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} rows={2} disabled={busy} />
      </label>
      <div className={styles.buttons}>
        <button type="submit" value="APPROVE" disabled={busy}>
          승인
        </button>
        <button type="submit" value="REJECT" className="secondary" disabled={busy}>
          거절
        </button>
      </div>
    </form>
  );
}
