import type { Metadata } from "next";
import Link from "next/link";
import { auditPageQuery, listAudit } from "@/lib/admin/audit";
import { operatorForPage } from "@/lib/admin/operators";
import { formatDateTime } from "@/lib/format";
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
      {query.success && page.items.length === 0 ? (
        <p className="muted">기록이 없습니다.</p>
      ) : (
        <div className="card scroll-x">
          <table>
            <thead>
              <tr>
                <th scope="col">일시</th>
                <th scope="col">처리자</th>
                <th scope="col">작업</th>
                <th scope="col">대상</th>
                <th scope="col">사유 · 내용</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((a) => {
                const href = targetLink(a.targetType, a.targetId);
                return (
                  <tr key={a.id} data-audit-action={a.action}>
                    <td>{formatDateTime(a.createdAt)}</td>
                    <td>{a.actorEmail}</td>
                    <td className={styles.mono}>{a.action}</td>
                    <td className={styles.mono}>
                      {a.targetType}: {href ? <Link href={href}>{a.targetId}</Link> : a.targetId}
                    </td>
                    <td>
                      {a.reason}
                      {Object.keys(a.detail).length > 0 && (
                        <details>
                          <summary>변경 내용</summary>
                          <pre className={styles.detail}>{JSON.stringify(a.detail, null, 2)}</pre>
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="감사 로그 페이지" className={styles.pager}>
        {filters.targetType || filters.targetId || filters.actor || raw.cursor ? <Link href="/admin/audit">처음부터</Link> : null}
        {page.nextCursor ? <Link href={`/admin/audit?${next.toString()}`}>다음 페이지 →</Link> : null}
      </nav>
    </>
  );
}
