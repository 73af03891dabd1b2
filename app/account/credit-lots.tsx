import type { CreditLot } from "@/db/schema";
import { EXPIRY_WARNING_DAYS, type LotSummary } from "@/lib/credits/lot-summary";
import type { LotView } from "@/lib/credits/lots";
import { formatCredits, formatDate, formatDateTime } from "@/lib/format";
import styles from "./credit-lots.module.css";

const KIND_LABELS: Record<LotView["kind"], string> = { paid: "유료", bonus: "보너스" };

const SOURCE_LABELS: Record<CreditLot["source"], string> = {
  purchase: "구매",
  adjust: "운영자 지급",
  promotion: "프로모션",
  legacy: "기존 잔액",
};

const paymentLabel = (createdAt: string | undefined) => (createdAt ? `${formatDateTime(createdAt)} 결제` : "결제 보기");

/** The balance's open credits by kind, and a word about those that are about to expire. */
export function CreditSplit({ summary }: { summary: LotSummary }) {
  const soon = summary.expiringSoon;
  return (
    <div className={styles.split}>
      <dl className={styles.kinds} aria-label="크레딧 종류별 잔액">
        <div>
          <dt>유료 크레딧</dt>
          <dd data-testid="paid-credits">{formatCredits(summary.paid)}</dd>
        </div>
        <div>
          <dt>보너스 크레딧</dt>
          <dd data-testid="bonus-credits">{formatCredits(summary.bonus)}</dd>
        </div>
      </dl>
      {soon && (
        <p role="status" className={styles.expiring}>
          {EXPIRY_WARNING_DAYS}일 안에 만료되는 크레딧 {formatCredits(soon.credits)}개 · 만료일 {formatDate(soon.firstExpiresAt)}
          {soon.lots > 1 && "부터"}
        </p>
      )}
    </div>
  );
}

/**
 * The open lots in the order spending draws them, each linked to the payment
 * that bought it by the payment's date (the order's name stays the payment
 * row's own, so that a row found by it is the payment's).
 */
export function CreditLotsTable({ lots, paymentDates }: { lots: LotView[]; paymentDates: Map<string, string> }) {
  if (lots.length === 0) return <p className="muted">사용할 수 있는 크레딧이 없습니다.</p>;
  return (
    <div className="card scroll-x">
      <table>
        <caption className={styles.caption}>사용 순서: 유효기간이 먼저 끝나는 크레딧부터, 같으면 보너스 크레딧부터 사용됩니다.</caption>
        <thead>
          <tr>
            <th scope="col">종류</th>
            <th scope="col" className="num">
              남은 크레딧/지급 크레딧
            </th>
            <th scope="col">지급일</th>
            <th scope="col">유효기간 만료일</th>
            <th scope="col">결제</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((lot) => (
            <tr key={lot.id} data-lot-kind={lot.kind}>
              <td>
                {KIND_LABELS[lot.kind]} <span className={styles.source}>({SOURCE_LABELS[lot.source]})</span>
              </td>
              <td className="num">
                {formatCredits(lot.remaining)}/{formatCredits(lot.granted)}
              </td>
              <td>{formatDate(lot.grantedAt)}</td>
              <td>{formatDate(lot.expiresAt)}</td>
              <td>
                {lot.paymentId ? (
                  <a href={`#payment-${lot.paymentId}`}>{paymentLabel(paymentDates.get(lot.paymentId))}</a>
                ) : (
                  <span className="muted">없음</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
