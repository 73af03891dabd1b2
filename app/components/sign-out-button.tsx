"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

// next-auth's own sign-out protocol (CSRF token, then POST), without shipping next-auth/react on every page.
async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
}

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="secondary"
      disabled={pending}
      onClick={() => {
        setPending(true);
        signOut()
          .then(() => {
            router.push("/");
            router.refresh();
          })
          .catch(() => setPending(false));
      }}
    >
      {pending ? "로그아웃 중…" : "로그아웃"}
    </button>
  );
}
