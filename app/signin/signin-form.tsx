"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/app/components/use-hydrated";

/** `callbackPath` is a path of our own origin, checked on the server (sameOriginPath). */
export function SigninForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Before hydration the browser would send the form itself, as a GET with the password in the address.
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      router.push(callbackPath);
      router.refresh();
      return;
    }
    setError(
      result?.error === "RATE_LIMITED"
        ? "로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요."
        : "이메일 또는 비밀번호가 올바르지 않습니다.",
    );
    setPending(false);
  }

  return (
    <form className="stack card" method="post" onSubmit={onSubmit}>
      <label>
        이메일
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        비밀번호
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending || !hydrated}>
        {pending ? "로그인하는 중…" : "로그인"}
      </button>
    </form>
  );
}
