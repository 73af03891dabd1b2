import { DataTable } from "@/app/components/data-table";
import type { LedgerKind } from "@/db/schema";
import type { LedgerEntryView } from "@/lib/credits/history";
import { formatCredits, formatDateTime } from "@/lib/format";

const KIND_LABELS: Record<LedgerKind, string> = {
  purchase: "구매 충전",
  spend: "사용",
  reserve: "프리미엄 채팅",
  release: "반환 (답변 실패)",
  refund: "환불",
  revoke: "회수 (결제 취소)",
  adjust: "조정",
  expire: "유효기간 만료",
  void: "보너스 소멸 (환불)",
};

// A hold that names a payment kept a refund's credits aside while PortOne cancelled it.
const REFUND_HOLD_LABELS: Partial<Record<LedgerKind, string>> = {
  reserve: "환불 처리 중 보류",
  release: "보류 해제 (환불)",
};

const labelOf = (e: LedgerEntryView) => (e.paymentId && REFUND_HOLD_LABELS[e.kind]) || KIND_LABELS[e.kind];

export function LedgerTable({ entries }: { entries: LedgerEntryView[] }) {
  return (
    <DataTable
      empty="아직 크레딧 내역이 없습니다."
      rows={entries}
      rowKey={(e) => e.id}
      rowAttributes={(e) => ({ "data-kind": e.kind })}
      columns={[
        { header: "일시", cell: (e) => formatDateTime(e.createdAt) },
        { header: "내용", cell: labelOf },
        { header: "변동", numeric: true, cell: (e) => `${e.delta > 0 ? "+" : ""}${formatCredits(e.delta)}` },
        { header: "잔액", numeric: true, cell: (e) => formatCredits(e.balanceAfter) },
      ]}
    />
  );
}
