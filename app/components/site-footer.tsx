import Link from "next/link";
import { config } from "@/lib/env";
import { SampleBusinessNotice } from "./sample-business-notice";
import styles from "./site-footer.module.css";

/** The seller's identity and policies at the foot of every page (전자상거래법 10조; a PG's card review looks for it). */
export function SiteFooter() {
  const b = config().business;
  return (
    <footer className={styles.footer}>
      <nav aria-label="약관 및 정책" className={styles.links}>
        <Link href="/terms">이용약관</Link>
        <Link href="/privacy" className={styles.privacy}>
          개인정보처리방침
        </Link>
        <Link href="/refund-policy">환불 정책</Link>
        <Link href="/support">고객센터</Link>
      </nav>
      <SampleBusinessNotice />
      <dl className={styles.identity} aria-label="사업자 정보">
        <div>
          <dt>상호</dt>
          <dd>{b.name}</dd>
        </div>
        <div>
          <dt>대표자</dt>
          <dd>{b.owner}</dd>
        </div>
        <div>
          <dt>사업자등록번호</dt>
          <dd>{b.registrationNumber}</dd>
        </div>
        <div>
          <dt>통신판매업 신고번호</dt>
          <dd>{b.mailOrderNumber}</dd>
        </div>
        <div>
          <dt>주소</dt>
          <dd>{b.address}</dd>
        </div>
        <div>
          <dt>전화</dt>
          <dd>
            <a href={`tel:${b.phone.replace(/[^\d+]/g, "")}`}>{b.phone}</a>
          </dd>
        </div>
        <div>
          <dt>이메일</dt>
          <dd>
            <a href={`mailto:${b.email}`}>{b.email}</a>
          </dd>
        </div>
        <div>
          <dt>개인정보 보호책임자</dt>
          <dd>{b.privacyOfficer}</dd>
        </div>
      </dl>
      <p className={styles.copyright}>© {new Date().getFullYear()} {b.name}</p>
    </footer>
  );
}
