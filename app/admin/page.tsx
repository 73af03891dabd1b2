import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, type Column } from "@/app/components/data-table";
import { loadOverview, type OverviewTotals } from "@/lib/admin/overview";
import { operatorForPage } from "@/lib/admin/operators";
import { formatCredits, formatDateTime, formatKrw } from "@/lib/format";
import { AdminNav } from "./admin-nav";
import { DailyChart } from "./daily-chart";
import { adminPageMetadata } from "./page-metadata";

export function generateMetadata(): Promise<Metadata> {
  return adminPageMetadata("/admin");
}

const WINDOWS = [
  { key: "today", label: "오늘" },
  { key: "days7", label: "최근 7일" },
  { key: "days30", label: "최근 30일" },
] as const;
type WindowKey = (typeof WINDOWS)[number]["key"];

type Row = { label: string; value: (t: OverviewTotals) => string };

const SALES_ROWS: Row[] = [
  { label: "결제 건수", value: (t) => formatCredits(t.paidPayments) },
  { label: "결제 금액", value: (t) => formatKrw(t.salesGross) },
  { label: "그중 취소된 금액", value: (t) => formatKrw(t.salesCancelled) },
  { label: "순매출 (결제 − 취소)", value: (t) => formatKrw(t.salesNet) },
  { label: "환불·취소 건수", value: (t) => formatCredits(t.refunds) },
  { label: "환불·취소 금액", value: (t) => formatKrw(t.refundedAmount) },
];

const CREDIT_ROWS: Row[] = [
  { label: "지급 (구매 + 운영자 지급)", value: (t) => formatCredits(t.creditsGranted) },
  { label: "순사용 (사용 + 보류 − 반환)", value: (t) => formatCredits(t.creditsSpent) },
  { label: "회수 (결제 취소)", value: (t) => formatCredits(t.creditsRevoked) },
  { label: "무효 (환불된 보너스)", value: (t) => formatCredits(t.creditsVoided) },
  { label: "만료", value: (t) => formatCredits(t.creditsExpired) },
  { label: "운영자 차감", value: (t) => formatCredits(t.creditsAdjustedDown) },
];

/** One row per measure, one column per window: today, 7 days, 30 days. */
function windowColumns<R>(heading: string, name: (row: R) => string, value: (row: R, window: WindowKey) => string): Column<R>[] {
  return [
    { header: heading, rowHeader: true, cell: name },
    ...WINDOWS.map((w) => ({ header: w.label, numeric: true, cell: (row: R) => value(row, w.key) })),
  ];
}

function WindowTable({ caption, rows, totals }: { caption: string; rows: Row[]; totals: Record<WindowKey, OverviewTotals> }) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(row) => row.label}
      columns={windowColumns<Row>("항목", (row) => row.label, (row, w) => row.value(totals[w]))}
    />
  );
}

export default async function AdminOverviewPage() {
  const operator = await operatorForPage("/admin");
  const overview = await loadOverview();
  const { lastReconcileRun: run, lastLedgerCheck: check } = overview;
  const dates = overview.daily.map((d) => d.date);

  return (
    <>
      <AdminNav />
      <h1>운영 콘솔</h1>
      <p className="muted">
        {operator.email} 님으로 로그인했습니다. 기준일 {overview.today} (한국 시간, 날짜는 모두 한국 시간 기준)
      </p>

      <section aria-labelledby="attention-heading" className="section">
        <h2 id="attention-heading">확인할 일</h2>
        <div className="grid">
          <div className="card">
            <h3 className="flush">대기 중인 결제</h3>
            <p>
              결제 대기 {formatCredits(overview.openPayments.pending)}건 · 가상계좌 입금 대기 {formatCredits(overview.openPayments.virtualAccountWaiting)}건
            </p>
            <Link href="/admin/payments?status=PENDING">결제 목록에서 보기</Link>
          </div>
          <div className="card">
            <h3 className="flush">처리되지 않은 웹훅</h3>
            <p>{formatCredits(overview.unprocessedWebhooks)}건</p>
            <p className="note muted">받았지만 아직 처리를 마치지 못한 PortOne 웹훅입니다. 0이 아니면 대사를 실행하세요.</p>
          </div>
          <div className="card">
            <h3 className="flush">마지막 대사</h3>
            {run ? (
              <p>
                {formatDateTime(run.startedAt)} · {run.startedBy} · 확인 {formatCredits(run.checked)} / 변경 {formatCredits(run.changed)} / 실패{" "}
                {formatCredits(run.failed)} · {run.complete ? "완료" : "미완료"}
              </p>
            ) : (
              <p>없음</p>
            )}
            <Link href="/admin/reconciliation">대사 페이지</Link>
          </div>
          <div className="card">
            <h3 className="flush">마지막 원장 점검</h3>
            {check ? (
              <p>
                {formatDateTime(check.ranAt)} · {check.problems === 0 ? "문제 없음" : `문제 ${formatCredits(check.problems)}건`}
              </p>
            ) : (
              <p>없음</p>
            )}
          </div>
        </div>
      </section>

      <section aria-labelledby="sales-heading" className="section">
        <h2 id="sales-heading">매출</h2>
        <p className="note muted">
          결제는 결제된 날에 셉니다. 순매출은 그 결제 금액에서 그 뒤 취소된 금액을 뺀 값입니다. 환불·취소는 취소된 날에 셉니다.
        </p>
        <WindowTable caption="기간별 매출" rows={SALES_ROWS} totals={overview.totals} />
      </section>

      <section aria-labelledby="packs-heading" className="section">
        <h2 id="packs-heading">팩별 판매 (결제 건수)</h2>
        <DataTable
          caption="팩별 판매"
          rows={overview.packs}
          rowKey={(pack) => pack.packId}
          columns={windowColumns<(typeof overview.packs)[number]>("팩", (pack) => pack.name, (pack, w) => formatCredits(pack[w]))}
        />
      </section>

      <section aria-labelledby="credits-heading" className="section">
        <h2 id="credits-heading">크레딧</h2>
        <p className="note muted">
          원장 기준입니다. 순사용은 사용과 보류(답변 대기)의 합에서 반환된 보류를 뺀 값, 곧 실제로 쓰인 크레딧입니다.
        </p>
        <WindowTable caption="기간별 크레딧" rows={CREDIT_ROWS} totals={overview.totals} />
      </section>

      <section aria-labelledby="daily-heading" className="section">
        <h2 id="daily-heading">최근 30일 추이</h2>
        <div className="card">
          <DailyChart
            id="daily-sales"
            title="일별 순매출"
            dates={dates}
            series={[{ label: "순매출", tone: "sales", values: overview.daily.map((d) => d.salesNet) }]}
            format={formatKrw}
          />
        </div>
        <div className="card above">
          <DailyChart
            id="daily-credits"
            title="일별 크레딧"
            dates={dates}
            series={[
              { label: "지급", tone: "granted", values: overview.daily.map((d) => d.creditsGranted) },
              { label: "순사용", tone: "spent", values: overview.daily.map((d) => d.creditsSpent) },
            ]}
            format={formatCredits}
          />
        </div>
      </section>
    </>
  );
}
