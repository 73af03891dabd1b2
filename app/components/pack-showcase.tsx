import Link from "next/link";
import { formatCredits, formatKrw } from "@/lib/format";
import type { PackView } from "@/lib/payments/packs";
import styles from "./pack-showcase.module.css";

/**
 * The packs as a shop shows them to anyone: price, credits, bonus and what they
 * buy. Buying goes to the purchase page with the pack chosen; a visitor who is
 * not signed in signs up (or in) first and is brought back to it.
 */
export function PackShowcase(props: { packs: PackView[]; messageCost: number; signedIn: boolean; validity: { paidYears: number; bonusDays: number } }) {
  return (
    <ul className={styles.packs}>
      {props.packs.map((p) => {
        const purchase = `/credits?pack=${encodeURIComponent(p.id)}`;
        const href = props.signedIn ? purchase : `/signup?callbackUrl=${encodeURIComponent(purchase)}`;
        return (
          <li key={p.id} className={`card ${styles.pack}`} aria-labelledby={`pack-${p.id}`}>
            <h3 id={`pack-${p.id}`} className={styles.name}>
              {p.name}
            </h3>
            <p className={styles.price}>{formatKrw(p.amount)}</p>
            {p.bonusCredits > 0 ? (
              <p className={styles.bonus}>
                유료 {formatCredits(p.paidCredits)} + <strong>보너스 {formatCredits(p.bonusCredits)}</strong>
              </p>
            ) : (
              <p className={styles.bonus}>유료 {formatCredits(p.paidCredits)}</p>
            )}
            <p className={styles.uses}>프리미엄 메시지 {formatCredits(Math.floor(p.credits / props.messageCost))}개</p>
            <p className={styles.terms}>
              유료 크레딧 {props.validity.paidYears}년 · 보너스 {formatCredits(props.validity.bonusDays)}일 동안 사용
            </p>
            <Link className={`button ${styles.buy}`} href={href} aria-label={`${p.name} ${formatKrw(p.amount)} 구매하기`}>
              구매하기
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
