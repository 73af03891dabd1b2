import Link from "next/link";
import type { ApprovalView } from "@/lib/admin/approvals";
import { formatCredits, formatKrw } from "@/lib/format";

const LOT_KIND = { paid: "유료", bonus: "보너스" } as const;

/** What the request asks, in a few words: "보너스 20,000 크레딧 지급", "15,000 크레딧 회수", "₩200,000 환불". */
export function describeRequest(a: Pick<ApprovalView, "request">): string {
  const r = a.request;
  if ("amount" in r) return `${formatKrw(r.amount)} 환불`;
  return r.credits > 0 ? `${LOT_KIND[r.kind]} ${formatCredits(r.credits)} 크레딧 지급` : `${formatCredits(-r.credits)} 크레딧 회수`;
}

/** The account or payment the request is on, linked to its console page. */
export function ApprovalTarget({ approval: a }: { approval: ApprovalView }) {
  if (a.targetType === "payment") {
    return (
      <>
        <Link href={`/admin/payments/${encodeURIComponent(a.targetId)}`}>{a.targetId}</Link>
        {a.customerEmail && <> ({a.customerEmail})</>}
      </>
    );
  }
  return <Link href={`/admin/users/${encodeURIComponent(a.targetId)}`}>{a.customerEmail ?? a.targetId}</Link>;
}

export const STATUS_LABEL: Record<ApprovalView["status"], string> = {
  PENDING: "대기",
  APPROVED: "승인됨",
  REJECTED: "거절됨",
  FAILED: "승인 후 실행 실패",
};
