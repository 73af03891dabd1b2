import type { Metadata } from "next";
import { listLedgerChecks } from "@/lib/admin/ledger-checks";
import { operatorForPage } from "@/lib/admin/operators";
import { listReconcileRuns } from "@/lib/admin/reconcile-runs";
import { formatCredits, formatDateTime } from "@/lib/format";
import styles from "../admin.module.css";
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
        {runs.length === 0 ? (
          <p className="muted">아직 실행 기록이 없습니다.</p>
        ) : (
          <div className="card scroll-x">
            <table aria-labelledby="runs-heading">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">시작</th>
                  <th scope="col">실행자</th>
                  <th scope="col" className="num">
                    확인
                  </th>
                  <th scope="col" className="num">
                    변경
                  </th>
                  <th scope="col" className="num">
                    실패
                  </th>
                  <th scope="col">상태</th>
                  <th scope="col">보고서</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} data-run-id={r.id}>
                    <td>{r.id}</td>
                    <td>{formatDateTime(r.startedAt)}</td>
                    <td>{startedByLabel(r.startedBy)}</td>
                    <td className="num">{formatCredits(r.checked)}</td>
                    <td className="num">{formatCredits(r.changed)}</td>
                    <td className="num">{formatCredits(r.failed)}</td>
                    <td>{runState(r)}</td>
                    <td>
                      {r.report && (
                        <details>
                          <summary>보기</summary>
                          <pre className={styles.detail}>{JSON.stringify(r.report, null, 2)}</pre>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="checks-heading" className="spaced">
        <h2 id="checks-heading">원장 점검 기록 (최근 20건)</h2>
        {checks.length === 0 ? (
          <p className="muted">아직 점검 기록이 없습니다.</p>
        ) : (
          <div className="card scroll-x">
            <table aria-labelledby="checks-heading">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">일시</th>
                  <th scope="col" className="num">
                    문제
                  </th>
                  <th scope="col">내용</th>
                </tr>
              </thead>
              <tbody>
                {checks.map((c) => (
                  <tr key={c.id}>
                    <td>{c.id}</td>
                    <td>{formatDateTime(c.ranAt)}</td>
                    <td className="num">{formatCredits(c.problems)}</td>
                    <td>
                      {c.problems === 0 ? (
                        "이상 없음"
                      ) : (
                        <details>
                          <summary>보기</summary>
                          <pre className={styles.detail}>{JSON.stringify(c.detail, null, 2)}</pre>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
