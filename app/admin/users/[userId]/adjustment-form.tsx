"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatCredits } from "@/lib/format";
import { ApiError, callApi } from "@/lib/http/client";
import styles from "./adjustment-form.module.css";

const MESSAGES: Record<string, string> = {
  INSUFFICIENT_CREDITS: "잔액보다 많이 차감할 수 없습니다. 아무것도 바뀌지 않았습니다.",
  SELF_ACTION_FORBIDDEN: "내 계정은 조정할 수 없습니다. 다른 운영자에게 요청해 주세요.",
  USER_NOT_FOUND: "회원을 찾을 수 없습니다.",
  INVALID_INPUT: "입력을 확인해 주세요: 크레딧은 0이 아닌 ±1,000,000 이내의 정수이고, 사유는 필수입니다.",
};

function messageOf(e: unknown): string {
  if (e instanceof ApiError) return MESSAGES[e.code ?? ""] ?? e.message;
  return "네트워크 오류로 처리하지 못했습니다. 다시 시도해 주세요.";
}

/**
 * An operator's credit adjustment. One idempotency key per filled-in form, kept
 * until it succeeds, so a double click or a retry after a timeout applies once.
 */
export function AdjustmentForm({ userId, approvalLimit }: { userId: string; approvalLimit: number }) {
  const router = useRouter();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "error"; text: string; awaitsApproval?: boolean } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setResult(null);
    try {
      const answer = await callApi<{ balance: number } | { approvalId: string }>(`/api/admin/users/${encodeURIComponent(userId)}/adjustments`, {
        body: {
          credits: Number(form.get("credits")),
          kind: String(form.get("kind")),
          reason: String(form.get("reason") ?? ""),
          idempotencyKey: key,
        },
      });
      setResult(
        "approvalId" in answer
          ? { tone: "success", text: "다른 운영자의 승인을 기다립니다. 승인되면 그대로 반영됩니다.", awaitsApproval: true }
          : { tone: "success", text: `조정했습니다. 새 잔액: ${formatCredits(answer.balance)} 크레딧` },
      );
      setKey(crypto.randomUUID());
      formElement.reset();
      router.refresh();
    } catch (e) {
      setResult({ tone: "error", text: messageOf(e) });
    } finally {
      setPending(false);
    }
  }

  return (
    <form className={`card stack wide ${styles.form}`} onSubmit={onSubmit} aria-labelledby="adjust-heading">
      <h2 id="adjust-heading" className="flush-top">
        크레딧 조정
      </h2>
      <div className={styles.row}>
        <label>
          크레딧 (차감은 음수)
          <input name="credits" type="number" step={1} min={-1_000_000} max={1_000_000} required inputMode="numeric" />
        </label>
        <label>
          종류 (지급 시)
          <select name="kind" defaultValue="bonus">
            <option value="bonus">보너스</option>
            <option value="paid">유료</option>
          </select>
        </label>
      </div>
      <label>
        사유
        <textarea name="reason" required maxLength={500} rows={2} />
      </label>
      <p className="note muted">
        지급하면 새 크레딧 묶음이 생기고, 차감하면 사용 순서대로 열린 묶음에서 잔액 안에서만 빠집니다. {formatCredits(approvalLimit)} 크레딧을 넘는
        조정은 다른 운영자가 승인한 뒤에 반영됩니다.
      </p>
      <div>
        <button type="submit" disabled={pending}>
          {pending ? "조정 중…" : "조정하기"}
        </button>
      </div>
      {result && (
        <p role={result.tone === "error" ? "alert" : "status"} className={`alert ${result.tone} flush`}>
          {result.text}
          {result.awaitsApproval && (
            <>
              {" "}
              <Link href="/admin/approvals">승인 대기 목록</Link>
            </>
          )}
        </p>
      )}
    </form>
  );
}
