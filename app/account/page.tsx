import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { BalanceCard } from "@/app/components/balance-card";
import { PaymentStatusBadge } from "@/app/components/payment-status";
import { readAccountView } from "@/lib/accounts/account-view";
import { currentUser } from "@/lib/auth/session";
import { formatCredits, formatDateTime, formatKrw } from "@/lib/format";
import { summarizeLots } from "@/lib/credits/lot-summary";
import { config } from "@/lib/env";
import type { PaymentView } from "@/lib/payments/queries";
import { listActivePacks } from "@/lib/payments/packs";
import { AutoTopUpPanel } from "./auto-topup-panel";
import { bankName } from "@/lib/payments/banks";
import { payMethodLabel } from "./pay-method-label";
import { CreditLotsTable, CreditSplit } from "./credit-lots";
import { LedgerTable } from "./ledger-table";
import { RefundButton } from "./refund-button";
import { RefundNotices } from "./refund-notices";
import { SecurityPanel } from "./security-panel";

export const metadata: Metadata = { title: "내 계정 · AInfo 크레딧" };

// The statuses a customer's refund may start from (contract: "Credit lots and refunds"); the quote decides the rest.
const REFUNDABLE_STATUSES: PaymentView["status"][] = ["PAID", "PARTIAL_CANCELLED"];

export default async function AccountPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/account");
  const [{ balance, payments, ledger, lots, autoTopUp }, packs] = await Promise.all([readAccountView(user.id), listActivePacks()]);
  const { portone, appUrl, autoTopUp: topUpConfig } = config();
  const paymentDates = new Map(payments.map((p) => [p.paymentId, p.createdAt]));
  const { refundFeePercent } = config().credits;

  return (
    <>
      <h1>내 계정</h1>
      <BalanceCard balance={balance} email={user.email} />
      <CreditSplit summary={summarizeLots(lots, new Date())} />

      <section aria-labelledby="payments-heading" className="spaced">
        <h2 id="payments-heading">결제 내역</h2>
        {payments.length === 0 ? (
          <p className="muted">
            아직 결제 내역이 없습니다. <Link href="/credits">크레딧 구매하기</Link>
          </p>
        ) : (
          <RefundNotices>
            <div className="card scroll-x">
              <table>
                <thead>
                  <tr>
                    <th scope="col">주문일시</th>
                    <th scope="col">상품</th>
                    <th scope="col" className="num">
                      금액
                    </th>
                    <th scope="col" className="num">
                      크레딧
                    </th>
                    <th scope="col">상태</th>
                    <th scope="col">
                      <span className="visually-hidden">관리</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {payments.map((p) => (
                    <tr key={p.paymentId} id={`payment-${p.paymentId}`} data-payment-id={p.paymentId}>
                      <td>{formatDateTime(p.createdAt)}</td>
                      <td>
                        {p.orderName}
                        <p className="muted note">
                          {payMethodLabel(p)}
                          {p.trigger === "AUTO_TOPUP" && " · 자동 충전"}
                        </p>
                      </td>
                      <td className="num">{formatKrw(p.amount)}</td>
                      <td className="num">
                        {formatCredits(p.credits)}
                        {p.creditsGranted ? "" : " (미지급)"}
                      </td>
                      <td>
                        <PaymentStatusBadge status={p.status} />
                        {p.virtualAccount && (
                          <p className="muted note">
                            {bankName(p.virtualAccount.bank)} {p.virtualAccount.accountNumber}
                            {p.virtualAccount.expiresAt && ` · ${formatDateTime(p.virtualAccount.expiresAt)}까지 입금`}
                          </p>
                        )}
                        {p.cancelledAmount > 0 && p.status === "PARTIAL_CANCELLED" && (
                          <p className="muted note">
                            {formatKrw(p.cancelledAmount)} 취소됨
                          </p>
                        )}
                      </td>
                      <td>
                        <div className="row-actions">
                          {p.receiptUrl && (
                            <a href={p.receiptUrl} target="_blank" rel="noopener noreferrer" aria-label={`${p.orderName} 영수증 (새 창)`}>
                              영수증
                            </a>
                          )}
                          {p.refundPending ? (
                            <div>
                              <span className="status">환불 확인 중 (크레딧 보류)</span>
                              <p role="status" className="note">
                                PortOne이 아직 환불을 확인하지 않았습니다. 확인될 때까지 이 결제의 크레딧은 보류되어 쓸 수 없습니다.
                              </p>
                            </div>
                          ) : (
                            REFUNDABLE_STATUSES.includes(p.status) &&
                            p.creditsGranted && (
                              <RefundButton
                                paymentId={p.paymentId}
                                orderName={p.orderName}
                                feePercent={refundFeePercent}
                                refundAccountRequired={p.refundAccountRequired}
                              />
                            )
                          )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </RefundNotices>
        )}
      </section>

      <section id="auto-topup" aria-labelledby="auto-topup-heading" className="spaced">
        <h2 id="auto-topup-heading">자동 충전</h2>
        <AutoTopUpPanel
          initial={autoTopUp}
          packs={packs}
          registration={{
            storeId: portone.storeId,
            channelKey: portone.billingChannelKey,
            customer: { customerId: user.id, email: user.email },
            redirectUrl: `${appUrl}/account/card`,
          }}
          sdkUrl={portone.sdkUrl}
          cooldownMinutes={Math.ceil(topUpConfig.cooldownSeconds / 60)}
        />
      </section>

      <section aria-labelledby="lots-heading" className="spaced">
        <h2 id="lots-heading">보유 크레딧 상세</h2>
        <CreditLotsTable lots={lots} paymentDates={paymentDates} />
      </section>

      <section aria-labelledby="ledger-heading" className="spaced">
        <h2 id="ledger-heading">크레딧 내역</h2>
        <LedgerTable entries={ledger.entries} />
      </section>

      <section aria-labelledby="security-heading" className="section">
        <h2 id="security-heading">보안</h2>
        <SecurityPanel />
      </section>
    </>
  );
}
