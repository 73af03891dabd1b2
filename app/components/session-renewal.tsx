"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * Sliding sessions: next-auth re-issues the session cookie with a fresh expiry
 * whenever the session is read, so each page a signed-in person opens keeps
 * them signed in for another SESSION_MAX_AGE_SECONDS.
 */
export function SessionRenewal() {
  const pathname = usePathname();
  useEffect(() => {
    // The body is read to the end: an unread one keeps the request open in the browser.
    void fetch("/api/auth/session", { cache: "no-store" })
      .then((res) => res.text())
      .catch(() => {});
  }, [pathname]);
  return null;
}
