"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import styles from "./refund-notices.module.css";

type Notice = { tone: "success" | "info"; text: string };

const AnnounceRefund = createContext<(notice: Notice) => void>(() => {});

/**
 * The payments' one live region for refund results. It lives above the rows,
 * so a result is still announced after router.refresh() has replaced the row
 * (and its refund button) that asked for it.
 */
export function RefundNotices({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <AnnounceRefund.Provider value={setNotice}>
      <div role="status" aria-live="polite" data-testid="refund-result">
        {notice && <p className={`alert ${notice.tone} ${styles.notice}`}>{notice.text}</p>}
      </div>
      {children}
    </AnnounceRefund.Provider>
  );
}

export const useAnnounceRefund = () => useContext(AnnounceRefund);
