import type { Metadata } from "next";
import Link from "next/link";
import { SampleBusinessNotice } from "@/app/components/sample-business-notice";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/env";
import { frequentQuestions, recentPaymentsForSupport, SUPPORT_HOURS } from "@/lib/storefront/support";
import { RecentPayments } from "./recent-payments";
import styles from "./support.module.css";

export const metadata: Metadata = {
  title: "고객센터 · AInfo 크레딧",
  description: "AInfo 고객센터 연락처와 운영 시간, 자주 묻는 질문, 문의할 때 알려 줄 최근 결제번호",
};

export default async function SupportPage() {
  const user = await currentUser();
  const payments = user ? await recentPaymentsForSupport(user.id) : [];
  const business = config().business;
  return (
    <>
      <h1>고객센터</h1>
      <SampleBusinessNotice />
      <section aria-labelledby="contact-heading" className="card">
        <h2 id="contact-heading" className="flush-top">
          연락처
        </h2>
        <dl className={styles.contact}>
          <dt>전화</dt>
          <dd>
            <a href={`tel:${business.phone.replace(/[^\d+]/g, "")}`}>{business.phone}</a>
          </dd>
          <dt>이메일</dt>
          <dd>
            <a href={`mailto:${business.email}`}>{business.email}</a>
          </dd>
          <dt>운영 시간</dt>
          <dd>{SUPPORT_HOURS}</dd>
          <dt>주소</dt>
          <dd>{business.address}</dd>
          <dt>상호</dt>
          <dd>
            {business.name} (대표자 {business.owner})
          </dd>
        </dl>
        <p className="note muted">결제에 관한 문의에는 결제번호를 함께 알려 주시면 빨리 확인할 수 있습니다.</p>
      </section>

      <section aria-labelledby="payments-heading" className="section">
        <h2 id="payments-heading">최근 결제</h2>
        {!user ? (
          <p>
            <Link href="/signin?callbackUrl=/support">로그인</Link>하면 최근 결제 5건과 결제번호를 여기서 볼 수 있습니다.
          </p>
        ) : payments.length === 0 ? (
          <p className="muted">
            아직 결제 내역이 없습니다. <Link href="/credits">크레딧 구매하기</Link>
          </p>
        ) : (
          <RecentPayments payments={payments} />
        )}
      </section>

      <section aria-labelledby="faq-heading" className="section">
        <h2 id="faq-heading">자주 묻는 질문</h2>
        <dl className={styles.questions}>
          {frequentQuestions().map((q) => (
            <div key={q.question}>
              <dt>{q.question}</dt>
              <dd>
                {q.answer} <Link href={q.href}>{q.label}</Link>
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="policies-heading" className="section">
        <h2 id="policies-heading">약관과 정책</h2>
        <ul className={styles.policies}>
          <li>
            <Link href="/terms">이용약관</Link>
          </li>
          <li>
            <Link href="/refund-policy">환불 정책</Link>
          </li>
          <li>
            <Link href="/privacy">개인정보처리방침</Link>
          </li>
        </ul>
      </section>
    </>
  );
}
