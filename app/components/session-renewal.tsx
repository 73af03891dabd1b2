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
    void fetch("/api/auth/session", { cache: "no-store" }).catch(() => {});
  }, [pathname]);
  return null;
}
