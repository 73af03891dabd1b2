"use client";

import Link from "next/link";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { ApiError, callApi } from "@/lib/http/client";
import { formatCredits } from "@/lib/format";

type Message = { id: string; role: "user" | "assistant"; text: string };
type Problem = { kind: "insufficient"; detail: string } | { kind: "failed"; detail: string; retry: { message: string; key: string } };
type ChatAnswer = { reply: string; creditsSpent: number; balance: number };

export function ChatPanel(props: { initialBalance: number; cost: number }) {
  const [balance, setBalance] = useState(props.initialBalance);
  const [messages, setMessages] = useState<Message[]>([]);
  const [draft, setDraft] = useState("");
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function send(message: string, idempotencyKey: string) {
    setPending(true);
    setProblem(null);
    try {
      const answer = await callApi<ChatAnswer>("/api/chat", { body: { message, idempotencyKey } });
      setMessages((m) => [...m, { id: `${idempotencyKey}-a`, role: "assistant", text: answer.reply }]);
      setBalance(answer.balance);
    } catch (error) {
      if (error instanceof ApiError && error.code === "INSUFFICIENT_CREDITS") {
        const b = (error.problem as { balance?: number }).balance;
        if (typeof b === "number") setBalance(b);
        setProblem({ kind: "insufficient", detail: error.message });
      } else {
        const detail = error instanceof ApiError ? error.message : "네트워크 오류로 답변을 받지 못했습니다.";
        // The server said it failed (nothing spent): retry as a new request. After a network error the
        // first may have succeeded, so the retry reuses its key and is charged at most once.
        const key = error instanceof ApiError ? crypto.randomUUID() : idempotencyKey;
        setProblem({ kind: "failed", detail, retry: { message, key } });
      }
    } finally {
      setPending(false);
    }
  }

  function onSubmit(event?: FormEvent) {
    event?.preventDefault();
    const message = draft.trim();
    if (!message || pending) return;
    const key = crypto.randomUUID();
    setMessages((m) => [...m, { id: `${key}-q`, role: "user", text: message }]);
    setDraft("");
    void send(message, key);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) onSubmit(event);
  }

  const short = balance < props.cost;

  return (
    <>
      <p>
        메시지당 <strong>{props.cost} 크레딧</strong> · 보유 크레딧 <strong data-testid="balance">{formatCredits(balance)}</strong>
      </p>
      <section className="card chat-log" aria-label="대화" aria-live="polite">
        {messages.length === 0 && <p className="muted">무엇이든 물어보세요. 답변이 완성될 때만 크레딧이 차감됩니다.</p>}
        {messages.map((m) => (
          <div key={m.id} data-role={m.role} className="chat-message">
            <span className="muted small">
              {m.role === "user" ? "나" : "AInfo 프리미엄"}
            </span>
            <p className="chat-text">{m.text}</p>
          </div>
        ))}
        {pending && (
          <p role="status" className="muted">
            답변을 작성하는 중…
          </p>
        )}
      </section>

      {problem?.kind === "insufficient" && (
        <div className="alert info below" role="alert">
          <p className="flush">
            {balance < 0
              ? `환불 또는 결제 취소로 크레딧이 ${formatCredits(balance)}입니다. 충전하면 다시 사용할 수 있습니다.`
              : `크레딧이 부족합니다. 메시지 하나에 ${props.cost} 크레딧이 필요합니다.`}{" "}
            크레딧은 차감되지 않았습니다.
          </p>
          <Link className="button below-sm" href="/credits">
            크레딧 구매하기
          </Link>
        </div>
      )}
      {problem?.kind === "failed" && (
        <div className="alert error below" role="alert">
          <p className="flush">답변을 받지 못했습니다. 크레딧은 차감되지 않았습니다. ({problem.detail})</p>
          <button
            type="button"
            className="secondary below-sm"
            onClick={() => void send(problem.retry.message, problem.retry.key)}
          >
            다시 시도
          </button>
        </div>
      )}

      <form className="stack wide below" onSubmit={onSubmit}>
        <label>
          메시지
          <textarea
            name="message"
            rows={3}
            value={draft}
            maxLength={4000}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder="Enter로 보내기, Shift+Enter로 줄바꿈"
          />
        </label>
        <div>
          <button type="submit" disabled={pending || !draft.trim()}>
            {pending ? "보내는 중…" : `보내기 (${props.cost} 크레딧)`}
          </button>
          {short && !problem && (
            <span className="muted beside">
              크레딧이 부족합니다. <Link href="/credits">충전하기</Link>
            </span>
          )}
        </div>
      </form>
    </>
  );
}
