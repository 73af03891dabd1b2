import type { Metadata } from "next";
import Link from "next/link";
import { Fragment } from "react";
import { DataTable } from "@/app/components/data-table";
import { PaymentStatusBadge } from "@/app/components/payment-status";
import { operatorForPage } from "@/lib/admin/operators";
import { listAudit } from "@/lib/admin/audit";
import { AdminPaymentNotFound, getPaymentDetail } from "@/lib/admin/payments";
import type { PortOnePaymentView } from "@/lib/admin/portone-payment-view";
import { formatCredits, formatDateTime, formatKrw } from "@/lib/format";
import { hasControlCharacter, ID_MAX_LENGTH } from "@/lib/http/input";
import { AdminNav } from "../../admin-nav";
import styles from "../payments.module.css";
import { notFound } from "next/navigation";
import { PaymentActions } from "./payment-actions";
import { adminPageMetadata } from "@/app/admin/page-metadata";

export function generateMetadata(): Promise<Metadata> {
  return adminPageMetadata("/admin/payments", "결제 상세");
}

type Params = Promise<{ paymentId: string }>;

async function detailOr404(paymentId: string) {
  // Postgres refuses NUL in text: an id no payment can have is simply not found.
  if (paymentId.length > ID_MAX_LENGTH || hasControlCharacter(paymentId)) notFound();
  try {
    return await getPaymentDetail(paymentId);
  } catch (error) {
    if (error instanceof AdminPaymentNotFound) notFound();
    throw error;
  }
}

export default async function AdminPaymentPage({ params }: { params: Params }) {
  const { paymentId } = await params;
  await operatorForPage(`/admin/payments/${encodeURIComponent(paymentId)}`);
  const [detail, audit] = await Promise.all([detailOr404(paymentId), listAudit({ limit: 20, targetType: "payment", targetId: paymentId })]);
  const { payment: p, customer } = detail;
  const creditsTakenBack = -detail.ledger.filter((e) => e.kind === "revoke" || e.kind === "void").reduce((sum, e) => sum + e.delta, 0);
  const cancellable = p.status === "PAID" || p.status === "PARTIAL_CANCELLED" ? p.amount - p.cancelledAmount : 0;

  return (
    <>
      <AdminNav />
      <p className="flush">
        <Link href="/admin/payments">← 결제 목록</Link>
      </p>
      <h1>결제 상세</h1>
      <div className="grid">
        <section className="card" aria-labelledby="order-heading">
          <h2 id="order-heading" className="flush-top">
            주문
          </h2>
          <dl>
            <dt>결제 ID</dt>
            <dd className={styles.id}>{p.paymentId}</dd>
            <dt>고객</dt>
            <dd className={styles.email}>
              <Link href={`/admin/payments?q=${encodeURIComponent(customer.email)}`}>{customer.email}</Link>
            </dd>
            <dt>상품</dt>
            <dd>
              {p.orderName} ({formatCredits(p.credits)} 크레딧)
            </dd>
            <dt>금액</dt>
            <dd>
              {formatKrw(p.amount)}
              {p.cancelledAmount > 0 && ` · 취소 ${formatKrw(p.cancelledAmount)}`}
            </dd>
            <dt>상태</dt>
            <dd>
              <PaymentStatusBadge status={p.status} />
            </dd>
            <dt>생성 · 결제</dt>
            <dd>
              {formatDateTime(p.createdAt)} · {p.paidAt ? formatDateTime(p.paidAt) : "미결제"}
            </dd>
            {p.failureReason && (
              <>
                <dt>실패 사유</dt>
                <dd>{p.failureReason}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="customer-heading">
          <h2 id="customer-heading" className="flush-top">
            고객 잔액
          </h2>
          <p className="balance" data-testid="customer-balance">
            {formatCredits(customer.balance)}
          </p>
          {customer.debt > 0 && (
            <p className="alert info" data-testid="customer-debt">
              마이너스 잔액(부채) {formatCredits(customer.debt)} 크레딧: 다음 구매로 먼저 갚습니다.
            </p>
          )}
        </section>
      </div>

      <section className="card section" aria-labelledby="portone-heading">
        <h2 id="portone-heading" className="flush-top">
          PortOne의 현재 기록
        </h2>
        {detail.portone ? (
          <PortOneView portone={detail.portone} />
        ) : (
          <p role="alert" className="alert error">
            {detail.portoneError ?? "PortOne에 물어볼 수 없습니다."}
          </p>
        )}
      </section>

      <PaymentActions
        paymentId={p.paymentId}
        cancellable={cancellable}
        refundAccountRequired={p.refundAccountRequired}
        preview={{ amount: p.amount, credits: p.credits, cancelledAmount: p.cancelledAmount, creditsTakenBack, balance: customer.balance }}
      />

      <section className="section" aria-labelledby="audit-heading">
        <h2 id="audit-heading">운영자 조치 기록</h2>
        {audit.items.length === 0 ? (
          <p className="muted">이 결제에 대한 운영자 조치가 없습니다.</p>
        ) : (
          <ul data-testid="payment-audit">
            {audit.items.map((a) => (
              <li key={a.id}>
                {formatDateTime(a.createdAt)} · {a.actorEmail} · <code>{a.action}</code> · 사유: {a.reason}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">웹훅 수신 기록</h2>
        <DataTable
          framed={false}
          labelledBy="webhooks-heading"
          empty="받은 웹훅이 없습니다."
          rows={detail.webhooks}
          rowKey={(w) => w.webhookId}
          columns={[
            { header: "웹훅 ID", className: styles.id, cell: (w) => w.webhookId },
            { header: "종류", cell: (w) => w.type },
            { header: "수신", cell: (w) => formatDateTime(w.receivedAt) },
            { header: "처리", cell: (w) => (w.processedAt ? formatDateTime(w.processedAt) : "처리 전") },
            { header: "결과", cell: (w) => w.outcome ?? "–" },
          ]}
        />
      </section>

      <section className="section" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">크레딧 원장 (이 결제)</h2>
        <DataTable
          framed={false}
          labelledBy="ledger-heading"
          empty="이 결제로 바뀐 크레딧이 없습니다."
          rows={detail.ledger}
          rowKey={(e) => e.id}
          columns={[
            { header: "시각", cell: (e) => formatDateTime(e.createdAt) },
            { header: "종류", cell: (e) => e.kind },
            { header: "변동", numeric: true, cell: (e) => (e.delta > 0 ? `+${formatCredits(e.delta)}` : formatCredits(e.delta)) },
            { header: "변동 후 잔액", numeric: true, cell: (e) => formatCredits(e.balanceAfter) },
          ]}
        />
      </section>

      <section className="section" aria-labelledby="lots-heading">
        <h2 id="lots-heading">크레딧 묶음 (이 결제)</h2>
        <DataTable
          framed={false}
          labelledBy="lots-heading"
          empty="이 결제로 지급된 크레딧 묶음이 없습니다."
          rows={detail.lots}
          rowKey={(l) => l.id}
          columns={[
            { header: "종류", cell: (l) => (l.kind === "paid" ? "유료" : "보너스") },
            { header: "지급", numeric: true, cell: (l) => formatCredits(l.granted) },
            { header: "남음", numeric: true, cell: (l) => formatCredits(l.remaining) },
            { header: "만료", cell: (l) => formatDateTime(l.expiresAt) },
          ]}
        />
      </section>
    </>
  );
}

/** PortOne's record as the console compares it with ours (lib/admin/portone-payment-view.ts: nothing else is in it). */
function PortOneView({ portone: p }: { portone: PortOnePaymentView }) {
  const method = p.method ? `${p.method.type}${p.method.provider ? ` · ${p.method.provider}` : ""}` : "–";
  return (
    <>
      <dl>
        <dt>상태</dt>
        <dd data-testid="portone-status">{p.status}</dd>
        <dt>금액 · 결제 · 취소</dt>
        <dd>
          {formatKrw(p.amount.total)} · {formatKrw(p.amount.paid)} · {formatKrw(p.amount.cancelled)}
        </dd>
        <dt>결제 수단</dt>
        <dd data-testid="portone-method">{method}</dd>
        {PORTONE_TIMES.map(([field, label]) => {
          const at = p[field];
          return at ? (
            <Fragment key={field}>
              <dt>{label}</dt>
              <dd>{formatDateTime(at)}</dd>
            </Fragment>
          ) : null;
        })}
      </dl>
      {p.cancellations.length > 0 && (
        <>
          <h3 id="portone-cancellations-heading">취소 내역</h3>
          <DataTable
            framed={false}
            labelledBy="portone-cancellations-heading"
            rows={p.cancellations}
            rowKey={(c) => c.id}
            columns={[
              { header: "취소 ID", className: styles.id, cell: (c) => c.id },
              { header: "상태", cell: (c) => c.status },
              { header: "금액", numeric: true, cell: (c) => formatKrw(c.totalAmount) },
              { header: "사유", cell: (c) => c.reason ?? "–" },
              { header: "취소 시각", cell: (c) => (c.cancelledAt ? formatDateTime(c.cancelledAt) : "–") },
            ]}
          />
        </>
      )}
    </>
  );
}

const PORTONE_TIMES = [
  ["requestedAt", "요청 시각"],
  ["paidAt", "결제 시각"],
  ["failedAt", "실패 시각"],
  ["cancelledAt", "취소 시각"],
  ["statusChangedAt", "상태 변경 시각"],
] as const;
