import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/app/components/data-table";
import { PaymentStatusBadge } from "@/app/components/payment-status";
import { operatorForPage } from "@/lib/admin/operators";
import { paymentSearchQuery, queryFields, searchPayments, type AdminPaymentItem } from "@/lib/admin/payments";
import { formatDateTime, formatKrw } from "@/lib/format";
import { AdminNav } from "../admin-nav";
import styles from "./payments.module.css";
import { STATUS_OPTIONS } from "./status-labels";
import { adminPageMetadata } from "@/app/admin/page-metadata";

export function generateMetadata(): Promise<Metadata> {
  return adminPageMetadata("/admin/payments", "결제");
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const todayKst = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Seoul" }).format(new Date());
const monthStartKst = () => `${todayKst().slice(0, 8)}01`;

export default async function AdminPaymentsPage({ searchParams }: { searchParams: SearchParams }) {
  await operatorForPage("/admin/payments");
  const fields = queryFields(await searchParams);
  const parsed = paymentSearchQuery.safeParse(fields);
  const result = parsed.success ? await searchPayments(parsed.data) : undefined;
  const next = result?.nextCursor ? `/admin/payments?${new URLSearchParams({ ...fields, cursor: result.nextCursor })}` : undefined;

  return (
    <>
      <AdminNav />
      <h1>결제</h1>
      <section className="card" aria-labelledby="search-heading">
        <h2 id="search-heading" className="flush-top">
          결제 찾기
        </h2>
        <form method="get" action="/admin/payments" className={styles.filters} role="search">
          <label>
            결제 ID 또는 이메일 앞부분
            <input name="q" type="search" defaultValue={fields.q ?? ""} autoComplete="off" />
          </label>
          <label>
            상태
            <select name="status" defaultValue={fields.status ?? ""}>
              <option value="">전체</option>
              {STATUS_OPTIONS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            시작일 (KST)
            <input name="from" type="date" defaultValue={fields.from ?? ""} />
          </label>
          <label>
            종료일 (KST)
            <input name="to" type="date" defaultValue={fields.to ?? ""} />
          </label>
          <button type="submit">검색</button>
        </form>
      </section>

      <section className="section" aria-labelledby="results-heading">
        <h2 id="results-heading">결과</h2>
        {!parsed.success ? (
          <p role="alert" className="alert error">
            검색 조건이 올바르지 않습니다: {parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}
          </p>
        ) : (
          <ResultsTable items={result!.items} />
        )}
        {next && (
          <p className={styles.pager}>
            <Link href={next}>다음 페이지 →</Link>
          </p>
        )}
      </section>

      <section className="card section" aria-labelledby="export-heading">
        <h2 id="export-heading" className="flush-top">
          회계용 CSV 내보내기
        </h2>
        <form method="get" action="/api/admin/payments.csv" className={styles.export}>
          <label>
            시작일 (KST)
            <input name="from" type="date" required defaultValue={fields.from ?? monthStartKst()} />
          </label>
          <label>
            종료일 (KST)
            <input name="to" type="date" required defaultValue={fields.to ?? todayKst()} />
          </label>
          <button type="submit">CSV 내려받기</button>
        </form>
        <p className="note muted">최대 1년 단위로 내려받을 수 있습니다. 엑셀에서 바로 열 수 있는 UTF-8 파일입니다.</p>
      </section>
    </>
  );
}

function ResultsTable({ items }: { items: AdminPaymentItem[] }) {
  return (
    <DataTable
      framed={false}
      caption="결제 검색 결과"
      empty="조건에 맞는 결제가 없습니다."
      rows={items}
      rowKey={(p) => p.paymentId}
      columns={[
        {
          header: "결제 ID",
          className: styles.id,
          cell: (p) => <Link href={`/admin/payments/${encodeURIComponent(p.paymentId)}`}>{p.paymentId}</Link>,
        },
        { header: "이메일", className: styles.email, cell: (p) => p.email },
        { header: "상품", cell: (p) => p.packId },
        { header: "금액", numeric: true, cell: (p) => formatKrw(p.amount) },
        { header: "취소 금액", numeric: true, cell: (p) => (p.cancelledAmount > 0 ? formatKrw(p.cancelledAmount) : "–") },
        { header: "상태", cell: (p) => <PaymentStatusBadge status={p.status} /> },
        { header: "생성", cell: (p) => formatDateTime(p.createdAt) },
      ]}
    />
  );
}
