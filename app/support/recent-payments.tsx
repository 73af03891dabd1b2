import { PaymentStatusBadge } from "@/app/components/payment-status";
import { formatDateTime, formatKrw } from "@/lib/format";
import type { PaymentView } from "@/lib/payments/queries";
import styles from "./support.module.css";

/** A signed-in person's latest payments, with the payment id support asks for. */
export function RecentPayments({ payments }: { payments: PaymentView[] }) {
  return (
    <div className="card scroll-x">
      <table aria-labelledby="payments-heading">
        <thead>
          <tr>
            <th scope="col">주문일시</th>
            <th scope="col">상품</th>
            <th scope="col" className="num">
              금액
            </th>
            <th scope="col">상태</th>
            <th scope="col">결제번호</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.paymentId}>
              <td>{formatDateTime(p.createdAt)}</td>
              <td>{p.orderName}</td>
              <td className="num">{formatKrw(p.amount)}</td>
              <td>
                <PaymentStatusBadge status={p.status} />
              </td>
              <td>
                <code className={styles.paymentId}>{p.paymentId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
