import Link from "next/link";
import type { ConversationSummary } from "@/lib/chat/conversations";
import { formatDateTime } from "@/lib/format";
import styles from "./conversation-list.module.css";

/** The person's conversations, newest first, and a way to start a new one. */
export function ConversationList(props: { conversations: ConversationSummary[]; currentId: string | null }) {
  return (
    <nav aria-label="대화 목록" className={styles.list}>
      <Link href="/chat" className={`button ${styles.new}`}>
        새 대화
      </Link>
      {props.conversations.length === 0 ? (
        <p className="muted small">아직 대화가 없습니다.</p>
      ) : (
        <ul>
          {props.conversations.map((c) => (
            <li key={c.id}>
              <Link href={`/chat?c=${c.id}`} aria-current={c.id === props.currentId ? "page" : undefined} className={styles.item}>
                <span className={styles.title}>{c.title}</span>
                <span className="muted small">{formatDateTime(c.updatedAt)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
