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
  if (entries.length === 0) return <p className="muted">아직 크레딧 내역이 없습니다.</p>;
  return (
    <div className="card scroll-x">
      <table>
        <thead>
          <tr>
            <th scope="col">일시</th>
            <th scope="col">내용</th>
            <th scope="col" className="num">
              변동
            </th>
            <th scope="col" className="num">
              잔액
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-kind={e.kind}>
              <td>{formatDateTime(e.createdAt)}</td>
              <td>{labelOf(e)}</td>
              <td className="num">{`${e.delta > 0 ? "+" : ""}${formatCredits(e.delta)}`}</td>
              <td className="num">{formatCredits(e.balanceAfter)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
