"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatCredits } from "@/lib/format";
import { ApiError, callApi } from "@/lib/http/client";
import styles from "./run-forms.module.css";

type Outcome = { tone: "success" | "error" | "info"; text: string };

function failure(e: unknown): Outcome {
  if (e instanceof ApiError && e.code === "INVALID_INPUT") return { tone: "error", text: "사유를 입력해 주세요 (500자 이내)." };
  if (e instanceof ApiError) return { tone: "error", text: e.message };
  return { tone: "error", text: "네트워크 오류로 실행하지 못했습니다. 다시 시도해 주세요." };
}

type ReconcileAnswer = { runId: number; checked: number; changed: unknown[]; failed: unknown[]; complete: boolean };
type CheckAnswer = { checkId: number; problems: unknown[] };

/** A form that posts `{ reason }` to one console action and says how it went. */
function ReasonForm(props: {
  id: string;
  title: string;
  button: string;
  pendingLabel: string;
  run: (reason: string) => Promise<Outcome>;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const reason = String(new FormData(formElement).get("reason") ?? "");
    setPending(true);
    setOutcome(null);
    try {
      setOutcome(await props.run(reason));
      formElement.reset();
      router.refresh();
    } catch (e) {
      setOutcome(failure(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <form className={`card stack wide ${styles.form}`} onSubmit={onSubmit} aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`} className="flush-top">
        {props.title}
      </h2>
      <label>
        사유
        <input name="reason" required maxLength={500} autoComplete="off" />
      </label>
      <div>
        <button type="submit" disabled={pending}>
          {pending ? props.pendingLabel : props.button}
        </button>
      </div>
      {outcome && (
        <p role={outcome.tone === "error" ? "alert" : "status"} className={`alert ${outcome.tone} flush`}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}

export function RunForms() {
  return (
    <div className={styles.forms}>
      <ReasonForm
        id="reconcile-now"
        title="PortOne 대사"
        button="지금 실행"
        pendingLabel="실행 중…"
        run={async (reason) => {
          const r = await callApi<ReconcileAnswer>("/api/admin/reconcile", { body: { reason } });
          const text = `실행 #${r.runId}: ${formatCredits(r.checked)}건 확인, ${formatCredits(r.changed.length)}건 변경, ${formatCredits(r.failed.length)}건 실패${r.complete ? "" : " (남은 결제는 다음 실행에서 확인)"}`;
          return { tone: r.failed.length > 0 ? "info" : "success", text };
        }}
      />
      <ReasonForm
        id="ledger-check"
        title="원장 점검"
        button="원장 점검 실행"
        pendingLabel="점검 중…"
        run={async (reason) => {
          const r = await callApi<CheckAnswer>("/api/admin/ledger-check", { body: { reason } });
          return r.problems.length === 0
            ? { tone: "success", text: `점검 #${r.checkId}: 문제가 없습니다.` }
            : { tone: "info", text: `점검 #${r.checkId}: 문제 ${formatCredits(r.problems.length)}건을 찾았습니다. 아래 기록을 확인하세요.` };
        }}
      />
    </div>
  );
}
