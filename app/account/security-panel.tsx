"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/app/components/use-hydrated";
import { ApiError, callApi } from "@/lib/http/client";
import styles from "./security-panel.module.css";

const MESSAGES: Record<string, string> = {
  WRONG_PASSWORD: "현재 비밀번호가 올바르지 않습니다. 아무것도 바뀌지 않았습니다.",
  RATE_LIMITED: "시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.",
  INVALID_INPUT: "새 비밀번호는 8자 이상이어야 합니다.",
};

function messageOf(e: unknown): string {
  if (e instanceof ApiError) return MESSAGES[e.code ?? ""] ?? e.message;
  return "네트워크 오류로 처리하지 못했습니다. 다시 시도해 주세요.";
}

/** Password change and sign-out everywhere: both end every session, this one too, so the person signs in again. */
export function SecurityPanel() {
  const router = useRouter();
  const [pending, setPending] = useState<"password" | "sessions" | null>(null);
  // Before hydration the browser would send the form itself, as a GET with both passwords in the address.
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);

  const signInAgain = (reason: string) => {
    router.push(`/signin?notice=${reason}`);
    router.refresh();
  };

  async function onChangePassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending("password");
    setError(null);
    try {
      await callApi("/api/account/password", {
        body: { currentPassword: String(form.get("currentPassword") ?? ""), newPassword: String(form.get("newPassword") ?? "") },
      });
      signInAgain("password-changed");
    } catch (e) {
      setError(messageOf(e));
      setPending(null);
    }
  }

  async function onEndSessions() {
    if (!window.confirm("이 기기를 포함한 모든 기기에서 로그아웃할까요?")) return;
    setPending("sessions");
    setError(null);
    try {
      await callApi("/api/account/sessions", { method: "DELETE" });
      signInAgain("signed-out-everywhere");
    } catch (e) {
      setError(messageOf(e));
      setPending(null);
    }
  }

  return (
    <div className={`card ${styles.panel}`}>
      <form className="stack" method="post" onSubmit={(e) => void onChangePassword(e)} aria-labelledby="password-heading">
        <h3 id="password-heading">비밀번호 변경</h3>
        <label>
          현재 비밀번호
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label>
          새 비밀번호 (8자 이상)
          <input name="newPassword" type="password" autoComplete="new-password" minLength={8} required />
        </label>
        <div className={styles.actions}>
          <button type="submit" disabled={pending !== null || !hydrated}>
            {pending === "password" ? "변경하는 중…" : "비밀번호 변경"}
          </button>
        </div>
      </form>
      <div className={styles.actions}>
        <button type="button" className="secondary" disabled={pending !== null} onClick={() => void onEndSessions()}>
          {pending === "sessions" ? "로그아웃하는 중…" : "모든 기기에서 로그아웃"}
        </button>
        <p className={`muted ${styles.note}`}>비밀번호를 바꾸면 모든 기기에서 로그아웃됩니다.</p>
      </div>
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
    </div>
  );
}
