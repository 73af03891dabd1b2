import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getBalance } from "@/lib/accounts/users";
import { currentUser } from "@/lib/auth/session";
import { ConversationNotFound, getConversation, listConversations, type ConversationView } from "@/lib/chat/conversations";
import { PREMIUM_MESSAGE_COST } from "@/lib/chat/premium-chat";
import { getAutoTopUp } from "@/lib/auto-topup/settings";
import { formatCredits } from "@/lib/format";
import { ChatPanel } from "./chat-panel";
import { ConversationList } from "./conversation-list";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "프리미엄 채팅 · AInfo 크레딧" };

/** The conversation `?c=` names (none: a new one); someone else's, or no conversation at all, is the page's 404. */
async function openConversation(userId: string, id: string | undefined): Promise<ConversationView | null> {
  if (id === undefined) return null;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) notFound();
  try {
    return await getConversation(userId, id);
  } catch (error) {
    if (error instanceof ConversationNotFound) notFound();
    throw error;
  }
}

export default async function ChatPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/chat");
  const { c } = await searchParams;
  const [balance, conversations, conversation, autoTopUp] = await Promise.all([
    getBalance(user.id),
    listConversations(user.id),
    openConversation(user.id, typeof c === "string" ? c : undefined),
    getAutoTopUp(user.id),
  ]);
  return (
    <>
      <h1>프리미엄 채팅</h1>
      {autoTopUp.disabledReason ? (
        <p role="alert" className="alert error">
          자동 충전이 꺼졌습니다: {autoTopUp.disabledReason === "CARD_DECLINED" ? "카드 결제가 거절되었습니다." : "등록한 카드로 결제할 수 없습니다."}{" "}
          <Link href="/account#auto-topup">카드를 다시 등록하고 켜기</Link>
        </p>
      ) : (
        autoTopUp.enabled && (
          <p className="muted small">
            자동 충전 켜짐: 잔액이 {formatCredits(autoTopUp.threshold)} 크레딧 아래로 내려가면 충전합니다. <Link href="/account#auto-topup">설정</Link>
          </p>
        )
      )}
      <div className={styles.layout}>
        <ConversationList conversations={conversations} currentId={conversation?.id ?? null} />
        <ChatPanel
          initialBalance={balance}
          cost={PREMIUM_MESSAGE_COST}
          conversationId={conversation?.id ?? null}
          initialMessages={conversation?.messages ?? []}
          initialNextBefore={conversation?.nextBefore ?? null}
        />
      </div>
    </>
  );
}
