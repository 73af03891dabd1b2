import Link from "next/link";
import styles from "./admin-nav.module.css";

const SECTIONS = [
  { href: "/admin", label: "개요" },
  { href: "/admin/payments", label: "결제" },
  { href: "/admin/users", label: "회원" },
  { href: "/admin/approvals", label: "승인 대기" },
  { href: "/admin/reconciliation", label: "대사 (PortOne 확인)" },
  { href: "/admin/audit", label: "감사 로그" },
];

/** The console's own menu, under the site header; shown by every /admin page after its operator check. */
export function AdminNav() {
  return (
    <nav aria-label="운영 콘솔 메뉴" className={styles.nav}>
      <span className={styles.label}>운영 콘솔</span>
      {SECTIONS.map((s) => (
        <Link key={s.href} href={s.href}>
          {s.label}
        </Link>
      ))}
    </nav>
  );
}
