import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LedgerTable } from "@/app/account/ledger-table";
import { DataTable } from "@/app/components/data-table";
import { PaymentStatusBadge } from "@/app/components/payment-status";
import { operatorForPage } from "@/lib/admin/operators";
import { UserNotFound, userDetail, type UserDetail } from "@/lib/admin/users";
import { config } from "@/lib/env";
import { formatCredits, formatDate, formatDateTime, formatKrw } from "@/lib/format";
import styles from "../../admin.module.css";
import { AdminNav } from "../../admin-nav";
import { AdjustmentForm } from "./adjustment-form";
import { adminPageMetadata } from "@/app/admin/page-metadata";

export function generateMetadata(): Promise<Metadata> {
  return adminPageMetadata("/admin/users", "회원 상세");
}

const LOT_KIND: Record<string, string> = { paid: "유료", bonus: "보너스" };
const LOT_SOURCE: Record<string, string> = { purchase: "구매", adjust: "운영자 조정", promotion: "프로모션", legacy: "기존 잔액" };

async function load(userId: string): Promise<UserDetail> {
  try {
    return await userDetail(userId);
  } catch (error) {
    if (error instanceof UserNotFound) notFound();
    throw error;
  }
}

export default async function AdminUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  await operatorForPage(`/admin/users/${encodeURIComponent(userId)}`);
  const user = await load(userId);

  return (
    <>
      <AdminNav />
      <p className="flush">
        <Link href="/admin/users">← 회원 검색</Link>
      </p>
      <h1>{user.email}</h1>
      <div className="card">
        <dl className={styles.summary}>
          <div>
            <dt>잔액</dt>
            <dd data-testid="admin-balance">{formatCredits(user.balance)}</dd>
          </div>
          <div>
            <dt>미수 크레딧 (부채)</dt>
            <dd data-testid="admin-debt">{formatCredits(user.debt)}</dd>
          </div>
          <div>
            <dt>역할</dt>
            <dd>{user.role === "operator" ? "운영자" : "고객"}</dd>
          </div>
          <div>
            <dt>가입일시</dt>
            <dd>{formatDateTime(user.createdAt)}</dd>
          </div>
        </dl>
        <p className={`note muted ${styles.mono}`}>회원 ID {user.userId}</p>
      </div>

      <section aria-labelledby="auto-topup-heading" className="spaced">
        <h2 id="auto-topup-heading">자동 충전</h2>
        <dl className={`card ${styles.summary}`}>
          <div>
            <dt>상태</dt>
            <dd data-testid="admin-auto-topup">
              {user.autoTopUp.enabled ? "켜짐" : "꺼짐"}
              {user.autoTopUp.disabledReason && ` (시스템이 끔: ${user.autoTopUp.disabledReason})`}
            </dd>
          </div>
          <div>
            <dt>규칙</dt>
            <dd>
              {formatCredits(user.autoTopUp.threshold)} 미만이면 {user.autoTopUp.packId} · 월 한도 {formatKrw(user.autoTopUp.monthlyCapKrw)}
            </dd>
          </div>
          <div>
            <dt>이번 달 결제</dt>
            <dd>{formatKrw(user.autoTopUp.monthChargedKrw)}</dd>
          </div>
          <div>
            <dt>카드</dt>
            <dd>
              {user.autoTopUp.card
                ? `${user.autoTopUp.card.issuer ?? "카드"} ${user.autoTopUp.card.billingKeyLast4 ? `···· ${user.autoTopUp.card.billingKeyLast4}` : ""} · ${formatDateTime(user.autoTopUp.card.registeredAt)} 등록`
                : "없음"}
            </dd>
          </div>
        </dl>
      </section>

      <AdjustmentForm userId={user.userId} approvalLimit={config().adminApproval.credits} />

      <section aria-labelledby="lots-heading" className="spaced">
        <h2 id="lots-heading">열린 크레딧 묶음 (사용 순서)</h2>
        <DataTable
          labelledBy="lots-heading"
          empty="남은 크레딧 묶음이 없습니다."
          rows={user.lots}
          rowKey={(lot) => lot.id}
          rowAttributes={(lot) => ({ "data-lot-kind": lot.kind, "data-lot-source": lot.source })}
          columns={[
            { header: "종류", cell: (lot) => LOT_KIND[lot.kind] },
            {
              header: "출처",
              cell: (lot) =>
                lot.paymentId ? <Link href={`/admin/payments/${encodeURIComponent(lot.paymentId)}`}>{LOT_SOURCE[lot.source]}</Link> : LOT_SOURCE[lot.source],
            },
            { header: "지급", numeric: true, cell: (lot) => formatCredits(lot.granted) },
            { header: "남음", numeric: true, cell: (lot) => formatCredits(lot.remaining) },
            { header: "지급일시", cell: (lot) => formatDateTime(lot.grantedAt) },
            { header: "만료일", cell: (lot) => formatDate(lot.expiresAt) },
          ]}
        />
      </section>

      <section aria-labelledby="user-payments-heading" className="spaced">
        <h2 id="user-payments-heading">결제</h2>
        <DataTable
          labelledBy="user-payments-heading"
          empty="결제 내역이 없습니다."
          rows={user.payments}
          rowKey={(p) => p.paymentId}
          columns={[
            { header: "주문일시", cell: (p) => formatDateTime(p.createdAt) },
            {
              header: "결제 ID",
              className: styles.mono,
              cell: (p) => <Link href={`/admin/payments/${encodeURIComponent(p.paymentId)}`}>{p.paymentId}</Link>,
            },
            { header: "금액", numeric: true, cell: (p) => formatKrw(p.amount) },
            { header: "상태", cell: (p) => <PaymentStatusBadge status={p.status} /> },
          ]}
        />
      </section>

      <section aria-labelledby="user-ledger-heading" className="spaced">
        <h2 id="user-ledger-heading">원장 (최근 50건, 최신순)</h2>
        <LedgerTable entries={user.ledger} />
      </section>

      <p className="spaced">
        <Link href={`/admin/audit?targetType=user&targetId=${user.userId}`}>이 회원의 감사 로그 보기</Link>
      </p>
    </>
  );
}
