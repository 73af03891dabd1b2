import { DataTable } from "@/app/components/data-table";
import { PaymentStatusBadge } from "@/app/components/payment-status";
import { formatDateTime, formatKrw } from "@/lib/format";
import type { PaymentView } from "@/lib/payments/queries";
import styles from "./support.module.css";

/** A signed-in person's latest payments, with the payment id support asks for. */
export function RecentPayments({ payments }: { payments: PaymentView[] }) {
  return (
    <DataTable
      labelledBy="payments-heading"
      rows={payments}
      rowKey={(p) => p.paymentId}
      columns={[
        { header: "주문일시", cell: (p) => formatDateTime(p.createdAt) },
        { header: "상품", cell: (p) => p.orderName },
        { header: "금액", numeric: true, cell: (p) => formatKrw(p.amount) },
        { header: "상태", cell: (p) => <PaymentStatusBadge status={p.status} /> },
        { header: "결제번호", cell: (p) => <code className={styles.paymentId}>{p.paymentId}</code> },
      ]}
    />
  );
}
