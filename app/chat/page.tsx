import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getBalance } from "@/lib/accounts/users";
import { currentUser } from "@/lib/auth/session";
import { PREMIUM_MESSAGE_COST } from "@/lib/chat/premium-chat";
import { ChatPanel } from "./chat-panel";

export const metadata: Metadata = { title: "프리미엄 채팅 · AInfo 크레딧" };

export default async function ChatPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/chat");
  return (
    <>
      <h1>프리미엄 채팅</h1>
      <ChatPanel initialBalance={await getBalance(user.id)} cost={PREMIUM_MESSAGE_COST} />
    </>
  );
}
