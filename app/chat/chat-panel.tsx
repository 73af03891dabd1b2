"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useHydrated } from "@/app/components/use-hydrated";
import { streamChat } from "@/lib/chat/chat-stream-client";
import type { ConversationView, MessageView } from "@/lib/chat/conversations";
import { formatCredits } from "@/lib/format";
import { ApiError, callApi } from "@/lib/http/client";
import { MarkdownAnswer } from "./markdown-answer";
import styles from "./chat-panel.module.css";

type Turn = { key: string; role: "user" | "assistant"; content: string; status: MessageView["status"] | "streaming"; creditsSpent: number };
type Problem =
  | { kind: "insufficient" }
  | { kind: "failed"; detail: string; retry?: { message: string; key: string } };

const fromStored = (m: MessageView): Turn => ({ key: m.id, role: m.role, content: m.content, status: m.status, creditsSpent: m.creditsSpent });

function AnswerNote({ turn, cost }: { turn: Turn; cost: number }) {
  if (turn.status === "streaming") return null;
  if (turn.status === "failed") return <span className={styles.note}>답변을 받지 못했습니다 · 크레딧 차감 없음</span>;
  if (turn.status === "stopped") {
    return <span className={styles.note}>{turn.creditsSpent > 0 ? `중지됨 · ${formatCredits(turn.creditsSpent)} 크레딧` : "중지됨 · 크레딧 차감 없음"}</span>;
  }
  return <span className={styles.note}>{formatCredits(turn.creditsSpent || cost)} 크레딧</span>;
}

/**
 * The premium chat: the conversation so far (its latest messages, and earlier
 * ones on request), the answer streaming in as it is written (Markdown), a stop
 * button (Esc) while it streams, and the balance and the cost always in view.
 * Enter sends, Shift+Enter starts a new line.
 */
export function ChatPanel(props: {
  initialBalance: number;
  cost: number;
  conversationId: string | null;
  initialMessages: MessageView[];
  initialNextBefore: string | null;
}) {
  const router = useRouter();
  const [balance, setBalance] = useState(props.initialBalance);
  const [turns, setTurns] = useState<Turn[]>(props.initialMessages.map(fromStored));
  const [conversationId, setConversationId] = useState(props.conversationId);
  const [draft, setDraft] = useState("");
  // Text typed before hydration would sit in the box unseen by React: the box waits for it.
  const hydrated = useHydrated();
  const [streaming, setStreaming] = useState<AbortController | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [nextBefore, setNextBefore] = useState(props.initialNextBefore);
  const [earlier, setEarlier] = useState<"idle" | "loading" | "failed">("idle");
  const input = useRef<HTMLTextAreaElement>(null);
  const shownConversation = useRef(conversationId);
  // The message that takes the focus once the earlier messages reach the conversation's start.
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const focusTarget = useRef<HTMLElement>(null);

  // Opening another conversation (a link, 새 대화) shows it; the refresh after this panel's own first
  // answer names the conversation it just created, and must not replace what is on screen (or streaming).
  const [shownId, setShownId] = useState(props.conversationId);
  if (props.conversationId !== shownId) {
    setShownId(props.conversationId);
    if (props.conversationId !== conversationId) {
      setConversationId(props.conversationId);
      setTurns(props.initialMessages.map(fromStored));
      setNextBefore(props.initialNextBefore);
      setEarlier("idle");
      setBalance(props.initialBalance);
      setProblem(null);
    }
  }

  useEffect(() => {
    shownConversation.current = conversationId;
  }, [conversationId]);

  useEffect(() => {
    focusTarget.current?.focus();
  }, [focusKey]);

  useEffect(() => {
    if (!streaming) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === "Escape") streaming.abort();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [streaming]);

  const updateAnswer = (key: string, change: (t: Turn) => Turn) => setTurns((all) => all.map((t) => (t.key === key ? change(t) : t)));

  async function showEarlier() {
    const from = conversationId;
    if (!from || !nextBefore || earlier === "loading") return;
    setEarlier("loading");
    try {
      const page = await callApi<ConversationView>(`/api/conversations/${encodeURIComponent(from)}?before=${encodeURIComponent(nextBefore)}`);
      if (shownConversation.current !== from) return;
      setTurns((all) => [...page.messages.map(fromStored), ...all]);
      setNextBefore(page.nextBefore);
      setEarlier("idle");
      // The button goes once the start is reached; the first message then takes its focus.
      if (!page.nextBefore) setFocusKey(page.messages[0]?.id ?? null);
    } catch {
      if (shownConversation.current === from) setEarlier("failed");
    }
  }

  async function send(message: string, idempotencyKey: string, repeat: boolean) {
    const answerKey = `${idempotencyKey}-answer`;
    const opensConversation = conversationId === null;
    setProblem(null);
    setTurns((all) => [
      ...all.filter((t) => t.key !== answerKey),
      ...(repeat ? [] : [{ key: `${idempotencyKey}-question`, role: "user" as const, content: message, status: "complete" as const, creditsSpent: 0 }]),
      { key: answerKey, role: "assistant", content: "", status: "streaming", creditsSpent: 0 },
    ]);
    const controller = new AbortController();
    setStreaming(controller);
    let received = "";
    // A first question whose answer never began is not kept, nor the conversation it opened: the page goes back to a new one.
    const forgetIfNeverAnswered = () => {
      if (!opensConversation || received.length > 0) return;
      setConversationId(null);
      window.history.replaceState(null, "", "/chat");
    };
    try {
      const end = await streamChat(
        { message, idempotencyKey, ...(conversationId ? { conversationId } : {}) },
        {
          onText: (text) => {
            received += text;
            updateAnswer(answerKey, (t) => ({ ...t, content: t.content + text }));
          },
          onConversation: (id) => {
            setConversationId(id);
            window.history.replaceState(null, "", `/chat?c=${encodeURIComponent(id)}`);
          },
        },
        controller.signal,
      );
      if (end.kind === "done") {
        updateAnswer(answerKey, (t) => ({ ...t, status: "complete", creditsSpent: end.creditsSpent }));
        setBalance(end.balance);
      } else if (end.kind === "stopped") {
        // The server's rule: what arrived before the stop is kept and charged; nothing arrived, nothing charged.
        const charged = received.length > 0 ? props.cost : 0;
        updateAnswer(answerKey, (t) => ({ ...t, status: "stopped", creditsSpent: charged }));
        setBalance((b) => b - charged);
        forgetIfNeverAnswered();
      } else {
        updateAnswer(answerKey, (t) => ({ ...t, status: "failed" }));
        setBalance(end.balance);
        setProblem({
          kind: "failed",
          detail: end.code === "CHAT_TIMEOUT" ? "답변이 너무 오래 걸렸습니다." : "답변 중 오류가 났습니다.",
          retry: { message, key: crypto.randomUUID() },
        });
        forgetIfNeverAnswered();
      }
      router.refresh();
    } catch (error) {
      forgetIfNeverAnswered();
      setTurns((all) => all.filter((t) => t.key !== answerKey || t.content.length > 0).map((t) => (t.key === answerKey ? { ...t, status: "failed" } : t)));
      if (error instanceof ApiError && error.code === "INSUFFICIENT_CREDITS") {
        const b = (error.problem as { balance?: number }).balance;
        if (typeof b === "number") setBalance(b);
        setProblem({ kind: "insufficient" });
      } else if (error instanceof ApiError) {
        // The server refused before answering: nothing was spent, and a retry is a new request.
        setProblem({ kind: "failed", detail: error.message, retry: error.status >= 500 ? { message, key: crypto.randomUUID() } : undefined });
      } else {
        // The connection broke: the answer may have been finished and charged, so the retry reuses the key
        // and is given the stored answer rather than paying again.
        setProblem({ kind: "failed", detail: "네트워크 오류로 답변을 받지 못했습니다.", retry: { message, key: idempotencyKey } });
      }
    } finally {
      setStreaming(null);
      input.current?.focus();
    }
  }

  function onSubmit(event?: FormEvent) {
    event?.preventDefault();
    const message = draft.trim();
    if (!message || streaming) return;
    setDraft("");
    void send(message, crypto.randomUUID(), false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) onSubmit(event);
  }

  const waitingForText = streaming !== null && turns.at(-1)?.status === "streaming" && turns.at(-1)?.content === "";

  return (
    <div className={styles.panel}>
      <p className={styles.meter}>
        메시지당 <strong>{props.cost} 크레딧</strong> · 보유 크레딧 <strong data-testid="balance">{formatCredits(balance)}</strong>
      </p>
      <section className={`card ${styles.log}`} aria-label="대화" aria-busy={streaming !== null}>
        {nextBefore && (
          <button
            type="button"
            className={`secondary ${styles.earlier}`}
            aria-disabled={earlier === "loading"}
            onClick={() => void showEarlier()}
          >
            {earlier === "loading" ? "이전 메시지를 불러오는 중…" : "이전 메시지 보기"}
          </button>
        )}
        {earlier === "failed" && (
          <p role="alert" className={`muted small ${styles.earlier}`}>
            이전 메시지를 불러오지 못했습니다. 다시 눌러 주세요.
          </p>
        )}
        {turns.length === 0 && <p className="muted flush">무엇이든 물어보세요. 답변이 완성될 때만 크레딧이 차감됩니다.</p>}
        {turns.map((t) => (
          <article
            key={t.key}
            ref={t.key === focusKey ? focusTarget : undefined}
            tabIndex={t.key === focusKey ? -1 : undefined}
            data-role={t.role}
            data-status={t.status}
            className={styles.message}
          >
            <span className="muted small">{t.role === "user" ? "나" : "AInfo 프리미엄"}</span>
            {t.role === "user" ? <p className={styles.question}>{t.content}</p> : <MarkdownAnswer text={t.content} />}
            {t.role === "assistant" && <AnswerNote turn={t} cost={props.cost} />}
          </article>
        ))}
        <p role="status" className="muted flush">
          {waitingForText ? "답변을 작성하는 중…" : streaming ? "답변을 받는 중… (Esc로 중지)" : ""}
        </p>
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
          {problem.retry && (
            <button
              type="button"
              className="secondary below-sm"
              onClick={() => problem.retry && void send(problem.retry.message, problem.retry.key, true)}
            >
              다시 시도
            </button>
          )}
        </div>
      )}

      <form className="stack wide below" onSubmit={onSubmit}>
        <label>
          메시지
          <textarea
            ref={input}
            name="message"
            rows={3}
            value={draft}
            disabled={!hydrated}
            maxLength={4000}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder="Enter로 보내기, Shift+Enter로 줄바꿈, Esc로 답변 중지"
          />
        </label>
        <div className={styles.actions}>
          {streaming ? (
            <button type="button" className="secondary" onClick={() => streaming.abort()}>
              중지
            </button>
          ) : (
            <button type="submit" disabled={!draft.trim()}>
              {`보내기 (${props.cost} 크레딧)`}
            </button>
          )}
          {balance < props.cost && !problem && (
            <span className="muted">
              크레딧이 부족합니다. <Link href="/credits">충전하기</Link>
            </span>
          )}
        </div>
      </form>
    </div>
  );
}
