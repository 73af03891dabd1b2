import type { Metadata } from "next";
import { operatorForPage } from "@/lib/admin/operators";
import { AdminNav } from "./admin-nav";

export const metadata: Metadata = { title: "운영 콘솔 · AInfo 크레딧", robots: { index: false } };

export default async function AdminOverviewPage() {
  const operator = await operatorForPage("/admin");
  return (
    <>
      <AdminNav />
      <h1>운영 콘솔</h1>
      <p className="muted">{operator.email} 님으로 로그인했습니다.</p>
    </>
  );
}
