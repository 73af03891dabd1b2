import type { Metadata } from "next";
import Link from "next/link";
import { BalanceCard } from "@/app/components/balance-card";
import { PackShowcase } from "@/app/components/pack-showcase";
import { getBalance } from "@/lib/accounts/users";
import { currentUser } from "@/lib/auth/session";
import { PREMIUM_MESSAGE_COST } from "@/lib/chat/premium-chat";
import { config } from "@/lib/env";
import { formatCredits } from "@/lib/format";
import { listActivePacks } from "@/lib/payments/packs";
import { REFUNDABLE_DAYS, WITHDRAWAL_DAYS } from "@/lib/payments/refund-quote";
import styles from "./page.module.css";

const TITLE = "AInfo 프리미엄 챗봇 크레딧";
const DESCRIPTION = "AInfo 챗봇은 무료입니다. 더 깊은 답이 필요할 때 크레딧으로 프리미엄 답변을 받으세요. 1,000원부터, 결제 후 7일 안에는 수수료 없이 환불됩니다.";

export const metadata: Metadata = {
  title: TITLE,
  description: DESCRIPTION,
  openGraph: { title: TITLE, description: DESCRIPTION, type: "website", locale: "ko_KR", siteName: "AInfo", url: "/" },
};

export default async function HomePage() {
  const [user, packs] = await Promise.all([currentUser(), listActivePacks()]);
  const { credits } = config();
  const validity = { paidYears: Math.round(credits.paidValidDays / 365), bonusDays: credits.bonusValidDays };

  return (
    <>
      {user ? (
        <>
          <h1>{user.name ? `${user.name}님, 안녕하세요` : "안녕하세요"}</h1>
          <BalanceCard balance={await getBalance(user.id)} email={user.email} />
          <div className="grid below">
            <Link className="card" href="/chat">
              프리미엄 채팅 →
            </Link>
            <Link className="card" href="/account">
              결제 내역과 크레딧 사용 내역 →
            </Link>
          </div>
        </>
      ) : (
        <section className={styles.hero} aria-labelledby="hero-heading">
          <h1 id="hero-heading">AInfo 프리미엄 챗봇</h1>
          <p className={styles.lead}>
            AInfo 챗봇은 누구나 무료로 씁니다. 더 길고 깊은 답이 필요할 때 크레딧으로 프리미엄 답변을 받으세요. 메시지 하나에{" "}
            {PREMIUM_MESSAGE_COST} 크레딧, 답변이 완성될 때만 차감됩니다.
          </p>
          <p>
            <Link className="button" href="/signup">
              무료로 가입하기
            </Link>{" "}
            또는 <Link href="/signin">로그인</Link>
          </p>
        </section>
      )}

      <section aria-labelledby="packs-heading" className="spaced">
        <h2 id="packs-heading">크레딧 팩</h2>
        <PackShowcase packs={packs} messageCost={PREMIUM_MESSAGE_COST} signedIn={user !== null} validity={validity} />
        <p className="muted small">가격은 부가가치세를 포함한 금액입니다. 보너스 크레딧은 무료로 드리는 크레딧으로 환불되지 않습니다.</p>
      </section>

      <section aria-labelledby="how-heading" className="spaced">
        <h2 id="how-heading">크레딧은 이렇게 쓰입니다</h2>
        <ol className={styles.steps}>
          <li>
            <strong>팩을 고르고 결제합니다.</strong> 카드, 카카오페이, 네이버페이, 토스페이, 가상계좌로 결제할 수 있고, 결제는
            PortOne을 통해 결제대행사(PG)가 처리합니다.
          </li>
          <li>
            <strong>프리미엄 채팅에서 씁니다.</strong> 메시지 하나에 {PREMIUM_MESSAGE_COST} 크레딧. 답변이 실패하면 크레딧은 그대로
            남습니다.
          </li>
          <li>
            <strong>먼저 사라지는 크레딧부터 씁니다.</strong> 유효기간이 가까운 크레딧, 그중 보너스 크레딧이 먼저 사용됩니다. 잔액이
            떨어지면 자동 충전을 켜 둘 수도 있습니다.
          </li>
        </ol>
      </section>

      <section aria-labelledby="faq-heading" className="spaced">
        <h2 id="faq-heading">자주 묻는 질문</h2>
        <div className={styles.faq}>
          <details>
            <summary>환불받을 수 있나요?</summary>
            <p>
              결제 후 {WITHDRAWAL_DAYS}일 안에는 유료 크레딧에서 사용한 크레딧(보너스 포함)을 뺀 만큼 수수료 없이 환불받을 수 있고,
              하나도 쓰지 않았다면 결제 전체가 취소됩니다. 그 뒤에도 결제 후 {formatCredits(REFUNDABLE_DAYS)}일까지는 같은 만큼을 환불받을
              수 있으며, 이때는 환불 금액의 {credits.refundFeePercent}%를 수수료로 뺍니다. 보너스 크레딧은 환불되지 않습니다.{" "}
              <Link href="/refund-policy">환불 정책 자세히 보기</Link>
            </p>
          </details>
          <details>
            <summary>크레딧의 유효기간은 얼마인가요?</summary>
            <p>
              유료 크레딧은 구매일부터 {validity.paidYears}년, 보너스 크레딧은 받은 날부터 {formatCredits(validity.bonusDays)}일 동안 쓸 수
              있습니다. 기간이 30일 안으로 남으면 내 계정에서 알려 드립니다.
            </p>
          </details>
          <details>
            <summary>어떤 결제 수단을 쓸 수 있나요?</summary>
            <p>신용·체크카드, 카카오페이, 네이버페이, 토스페이, 가상계좌(무통장 입금)를 쓸 수 있습니다.</p>
          </details>
          <details>
            <summary>영수증은 어디서 받나요?</summary>
            <p>
              내 계정의 결제 내역에서 결제마다 결제대행사가 발행한 영수증을 볼 수 있습니다. 현금영수증과 세금계산서는{" "}
              <Link href="/support">고객센터</Link>로 문의해 주세요.
            </p>
          </details>
        </div>
      </section>
    </>
  );
}
