import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/app/components/data-table";
import { operatorForPage } from "@/lib/admin/operators";
import { searchUsers, userSearchQuery } from "@/lib/admin/users";
import { formatCredits, formatDateTime } from "@/lib/format";
import styles from "../admin.module.css";
import { AdminNav } from "../admin-nav";
import { adminPageMetadata } from "@/app/admin/page-metadata";

export function generateMetadata(): Promise<Metadata> {
  return adminPageMetadata("/admin/users", "회원");
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUsersPage({ searchParams }: Props) {
  await operatorForPage("/admin/users");
  const raw = await searchParams;
  const query = userSearchQuery.safeParse({ q: typeof raw.q === "string" ? raw.q : undefined });
  const users = query.success ? await searchUsers(query.data) : [];
  const q = query.success ? query.data.q : "";

  return (
    <>
      <AdminNav />
      <h1>회원</h1>
      <form method="get" action="/admin/users" role="search" className={styles.filters}>
        <label>
          이메일 (앞부분)
          <input type="search" name="q" defaultValue={q} placeholder="customer@example.com" autoComplete="off" />
        </label>
        <button type="submit">검색</button>
      </form>
      {!query.success && (
        <p role="alert" className="alert error">
          검색어가 올바르지 않습니다. 254자 이하로 입력해 주세요.
        </p>
      )}
      <p className="muted" aria-live="polite">
        {q ? `"${q}"로 시작하는 이메일 ${formatCredits(users.length)}건` : `최근 가입 회원 ${formatCredits(users.length)}명`}
        {users.length === 50 ? " (최대 50건까지 표시)" : ""}
      </p>
      {users.length > 0 && (
        <DataTable
          caption="회원"
          rows={users}
          rowKey={(u) => u.userId}
          rowAttributes={(u) => ({ "data-user-id": u.userId })}
          columns={[
            { header: "이메일", cell: (u) => <Link href={`/admin/users/${u.userId}`}>{u.email}</Link> },
            { header: "잔액", numeric: true, cell: (u) => formatCredits(u.balance) },
            { header: "역할", cell: (u) => (u.role === "operator" ? "운영자" : "고객") },
            { header: "가입일시", cell: (u) => formatDateTime(u.createdAt) },
          ]}
        />
      )}
    </>
  );
}
