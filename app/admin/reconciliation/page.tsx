import type { Metadata } from "next";
import { listLedgerChecks } from "@/lib/admin/ledger-checks";
import { operatorForPage } from "@/lib/admin/operators";
import { listReconcileRuns } from "@/lib/admin/reconcile-runs";
import { formatCredits, formatDateTime } from "@/lib/format";
import { DataTable } from "@/app/components/data-table";
import { JsonDetails } from "@/app/components/json-details";
import { AdminNav } from "../admin-nav";
import { RunForms } from "./run-forms";
import { adminPageMetadata } from "@/app/admin/page-metadata";

export function generateMetadata(): Promise<Metadata> {
  return adminPageMetadata("/admin/reconciliation", "대사");
}

const startedByLabel = (by: string) => (by === "cron" ? "스케줄러" : by === "cli" ? "명령줄" : by);

function runState(run: { finishedAt: string | null; complete: boolean; report: Record<string, unknown> | null }): string {
  if (!run.finishedAt) return "실행 중";
  if (run.report && "error" in run.report) return "오류로 중단";
  return run.complete ? "완료" : "일부 (다음 실행에 이어서)";
}

export default async function AdminReconciliationPage() {
  await operatorForPage("/admin/reconciliation");
  const [runs, checks] = await Promise.all([listReconcileRuns(50), listLedgerChecks(20)]);

  return (
    <>
      <AdminNav />
      <h1>대사 (PortOne 확인)</h1>
      <RunForms />

      <section aria-labelledby="runs-heading" className="spaced">
        <h2 id="runs-heading">대사 실행 기록 (최근 50건)</h2>
        <DataTable
          labelledBy="runs-heading"
          empty="아직 실행 기록이 없습니다."
          rows={runs}
          rowKey={(r) => r.id}
          rowAttributes={(r) => ({ "data-run-id": r.id })}
          columns={[
            { header: "#", cell: (r) => r.id },
            { header: "시작", cell: (r) => formatDateTime(r.startedAt) },
            { header: "실행자", cell: (r) => startedByLabel(r.startedBy) },
            { header: "확인", numeric: true, cell: (r) => formatCredits(r.checked) },
            { header: "변경", numeric: true, cell: (r) => formatCredits(r.changed) },
            { header: "실패", numeric: true, cell: (r) => formatCredits(r.failed) },
            { header: "상태", cell: runState },
            { header: "보고서", cell: (r) => r.report && <JsonDetails summary="보기" value={r.report} /> },
          ]}
        />
      </section>

      <section aria-labelledby="checks-heading" className="spaced">
        <h2 id="checks-heading">원장 점검 기록 (최근 20건)</h2>
        <DataTable
          labelledBy="checks-heading"
          empty="아직 점검 기록이 없습니다."
          rows={checks}
          rowKey={(c) => c.id}
          columns={[
            { header: "#", cell: (c) => c.id },
            { header: "일시", cell: (c) => formatDateTime(c.ranAt) },
            { header: "문제", numeric: true, cell: (c) => formatCredits(c.problems) },
            { header: "내용", cell: (c) => (c.problems === 0 ? "이상 없음" : <JsonDetails summary="보기" value={c.detail} />) },
          ]}
        />
      </section>
    </>
  );
}
