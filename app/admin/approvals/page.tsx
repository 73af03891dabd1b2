import type { Metadata } from "next";
import { DataTable } from "@/app/components/data-table";
import { JsonDetails } from "@/app/components/json-details";
import { adminPageMetadata } from "@/app/admin/page-metadata";
import { listApprovals, type ApprovalView } from "@/lib/admin/approvals";
import { operatorForPage } from "@/lib/admin/operators";
import { config } from "@/lib/env";
import { formatCredits, formatDateTime, formatKrw } from "@/lib/format";
import { AdminNav } from "../admin-nav";
import { ApprovalTarget, STATUS_LABEL, describeRequest } from "./approval-labels";
import styles from "./approvals.module.css";
import { PendingApprovals } from "./pending-approvals";

export function generateMetadata(): Promise<Metadata> {
  return adminPageMetadata("/admin/approvals", "승인 대기");
}

/** Approved, but what the action did is not known: a refund PortOne has not confirmed, or one cut off before it answered. */
const outcomeUnknown = (a: ApprovalView) => a.status === "APPROVED" && (a.outcome === null || a.outcome.outcome === "unknown");

export default async function AdminApprovalsPage() {
  const operator = await operatorForPage("/admin/approvals");
  const [pending, recent] = await Promise.all([listApprovals({ status: "PENDING", limit: 100 }), listApprovals({ limit: 50 })]);
  const decided = recent.items.filter((a) => a.status !== "PENDING");
  const limits = config().adminApproval;

  return (
    <>
      <AdminNav />
      <h1>승인 대기</h1>
      <p className={`muted ${styles.limits}`}>
        {formatCredits(limits.credits)} 크레딧을 넘는 조정(지급·회수)과 {formatKrw(limits.krw)}을 넘는 환불은 요청한 운영자가 아닌 다른 운영자가 승인해야
        실행됩니다. 승인하면 요청 그대로 한 번 실행되고, 요청·결정 모두 감사 로그에 남습니다.
      </p>

      <section aria-labelledby="pending-heading" className="spaced">
        <h2 id="pending-heading">기다리는 요청</h2>
        <PendingApprovals items={pending.items} operatorId={operator.id} />
      </section>

      <section aria-labelledby="decided-heading" className="spaced">
        <h2 id="decided-heading">최근 결정</h2>
        <DataTable
          labelledBy="decided-heading"
          empty="아직 결정된 요청이 없습니다."
          rows={decided}
          rowKey={(a) => a.approvalId}
          rowAttributes={(a) => ({ "data-approval-id": a.approvalId, "data-approval-status": a.status })}
          columns={[
            { header: "결정 시각", cell: (a) => (a.decidedAt ? formatDateTime(a.decidedAt) : "–") },
            { header: "내용", rowHeader: true, cell: (a) => describeRequest(a) },
            { header: "대상", cell: (a) => <ApprovalTarget approval={a} /> },
            { header: "요청자", cell: (a) => a.requestedBy },
            { header: "결정한 운영자", cell: (a) => a.decidedBy ?? "–" },
            { header: "결과", cell: (a) => (outcomeUnknown(a) ? "승인됨 (실행 결과 확인 필요)" : STATUS_LABEL[a.status]) },
            {
              header: "결정 사유 · 결과",
              cell: (a) => (
                <>
                  {a.decisionReason}
                  {a.outcome && <JsonDetails summary="실행 결과" value={a.outcome} />}
                </>
              ),
            },
          ]}
        />
      </section>
    </>
  );
}
