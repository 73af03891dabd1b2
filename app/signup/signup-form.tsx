"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/app/components/use-hydrated";
import { ApiError, callApi } from "@/lib/http/client";

const MESSAGES: Record<string, string> = {
  EMAIL_TAKEN: "이미 가입된 이메일입니다. 로그인해 주세요.",
};

export function SignupForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Before hydration the browser would send the form itself, as a GET with the password in the address.
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "").trim();
    setPending(true);
    setError(null);
    try {
      await callApi("/api/signup", { body: { email, password, ...(name ? { name } : {}) } });
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result?.ok) throw new Error("가입은 되었지만 로그인하지 못했습니다. 로그인 페이지에서 다시 시도해 주세요.");
      router.push(callbackPath);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? (MESSAGES[e.code ?? ""] ?? e.message) : (e as Error).message);
      setPending(false);
    }
  }

  return (
    <form className="stack card" method="post" onSubmit={onSubmit} aria-describedby={error ? "signup-error" : undefined}>
      <label>
        이메일
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        이름 (선택)
        <input name="name" type="text" autoComplete="name" maxLength={80} />
      </label>
      <label>
        비밀번호
        <input name="password" type="password" autoComplete="new-password" minLength={8} required />
        <span className="muted regular">
          8자 이상
        </span>
      </label>
      {error && (
        <p id="signup-error" role="alert" className="alert error">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending || !hydrated}>
        {pending ? "가입하는 중…" : "가입하기"}
      </button>
    </form>
  );
}
