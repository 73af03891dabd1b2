import type { Metadata } from "next";
import Link from "next/link";
import { auditPageQuery, listAudit } from "@/lib/admin/audit";
import { operatorForPage } from "@/lib/admin/operators";
import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/app/components/data-table";
import { JsonDetails } from "@/app/components/json-details";
import styles from "../admin.module.css";
import { AdminNav } from "../admin-nav";
import { adminPageMetadata } from "@/app/admin/page-metadata";

export function generateMetadata(): Promise<Metadata> {
  return adminPageMetadata("/admin/audit", "감사 로그");
}

const TARGET_TYPES = [
  { value: "", label: "전체" },
  { value: "user", label: "회원" },
  { value: "payment", label: "결제" },
  { value: "reconciliation", label: "대사·점검" },
];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

function targetLink(targetType: string, targetId: string): string | undefined {
  if (targetType === "user") return `/admin/users/${encodeURIComponent(targetId)}`;
  if (targetType === "payment") return `/admin/payments/${encodeURIComponent(targetId)}`;
  return undefined;
}

function AuditTarget({ targetType, targetId }: { targetType: string; targetId: string }) {
  const href = targetLink(targetType, targetId);
  return (
    <>
      {targetType}: {href ? <Link href={href}>{targetId}</Link> : targetId}
    </>
  );
}

export default async function AdminAuditPage({ searchParams }: Props) {
  await operatorForPage("/admin/audit");
  const raw = await searchParams;
  const filters = { targetType: single(raw.targetType), targetId: single(raw.targetId), actor: single(raw.actor) };
  const query = auditPageQuery.safeParse({ ...filters, cursor: single(raw.cursor), limit: 50 });
  const page = query.success ? await listAudit(query.data) : { items: [], nextCursor: null };
  const next = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => e[1] !== undefined));
  if (page.nextCursor) next.set("cursor", String(page.nextCursor));

  return (
    <>
      <AdminNav />
      <h1>감사 로그</h1>
      <form method="get" action="/admin/audit" className={styles.filters} aria-label="감사 로그 필터">
        <label>
          대상 종류
          <select name="targetType" defaultValue={filters.targetType ?? ""}>
            {TARGET_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          대상 ID
          <input name="targetId" defaultValue={filters.targetId ?? ""} autoComplete="off" />
        </label>
        <label>
          처리자 이메일 (포함)
          <input name="actor" defaultValue={filters.actor ?? ""} autoComplete="off" />
        </label>
        <button type="submit">필터 적용</button>
      </form>
      {!query.success && (
        <p role="alert" className="alert error">
          필터 값이 올바르지 않습니다. <Link href="/admin/audit">필터 지우기</Link>
        </p>
      )}
      {query.success && (
        <DataTable
          caption="감사 로그"
          empty="기록이 없습니다."
          rows={page.items}
          rowKey={(a) => a.id}
          rowAttributes={(a) => ({ "data-audit-action": a.action })}
          columns={[
            { header: "일시", cell: (a) => formatDateTime(a.createdAt) },
            { header: "처리자", cell: (a) => a.actorEmail },
            { header: "작업", className: styles.mono, cell: (a) => a.action },
            { header: "대상", className: styles.mono, cell: (a) => <AuditTarget targetType={a.targetType} targetId={a.targetId} /> },
            {
              header: "사유 · 내용",
              cell: (a) => (
                <>
                  {a.reason}
                  {Object.keys(a.detail).length > 0 && <JsonDetails summary="변경 내용" value={a.detail} />}
                </>
              ),
            },
          ]}
        />
      )}
      <nav aria-label="감사 로그 페이지" className={styles.pager}>
        {filters.targetType || filters.targetId || filters.actor || raw.cursor ? <Link href="/admin/audit">처음부터</Link> : null}
        {page.nextCursor ? <Link href={`/admin/audit?${next.toString()}`}>다음 페이지 →</Link> : null}
      </nav>
    </>
  );
}
