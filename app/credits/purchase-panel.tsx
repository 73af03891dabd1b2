"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useHydrated } from "@/app/components/use-hydrated";
import type { OrderMethod } from "@/lib/payments/orders";
import type { PackView } from "@/lib/payments/packs";
import { formatCredits, formatKrw } from "@/lib/format";
import { PackCredits } from "./pack-credits";
import styles from "./purchase-panel.module.css";
import { PurchaseResult } from "./purchase-result";
import { usePurchase } from "./use-purchase";

/** The rules a buyer agrees to, as the refund quote and the lots apply them. */
export type PurchaseTerms = { withdrawalDays: number; refundableDays: number; feePercent: number; paidValidDays: number; bonusValidDays: number };

const METHODS: Array<{ id: string; label: string; method: OrderMethod }> = [
  { id: "CARD", label: "신용·체크카드", method: { payMethod: "CARD" } },
  { id: "KAKAOPAY", label: "카카오페이", method: { payMethod: "EASY_PAY", easyPayProvider: "KAKAOPAY" } },
  { id: "NAVERPAY", label: "네이버페이", method: { payMethod: "EASY_PAY", easyPayProvider: "NAVERPAY" } },
  { id: "TOSSPAY", label: "토스페이", method: { payMethod: "EASY_PAY", easyPayProvider: "TOSSPAY" } },
  { id: "VIRTUAL_ACCOUNT", label: "가상계좌 (입금 확인 후 충전)", method: { payMethod: "VIRTUAL_ACCOUNT" } },
];

export const CONSENT_LABEL = "구매 조건 및 환불 정책을 확인했으며 결제에 동의합니다";

/**
 * The packs, each with what it buys and for how long, one payment method for
 * all, and the consent every order needs (contract: "Storefront"): without it
 * no order is created. A pack chosen on the landing page (`?pack=`) is marked.
 *
 * The consent and the method are uncontrolled inputs read when a pack is bought:
 * a box ticked before React has hydrated the page stays ticked in the page, and
 * React keeps no state of its own that would say otherwise (a controlled input's
 * state would still be "unticked", and its next render would untick the box).
 * The buy buttons wait for hydration, as a click before it would be lost.
 */
export function PurchasePanel(props: { packs: PackView[]; balance: number; sdkUrl: string | undefined; chosenPackId: string | null; terms: PurchaseTerms }) {
  const [balance, setBalance] = useState(props.balance);
  const { state, buy, complete, activePack } = usePurchase(props.sdkUrl, setBalance);
  const busy = activePack !== null;
  const hydrated = useHydrated();
  const [consentMissing, setConsentMissing] = useState(false);
  const methods = useRef<HTMLFieldSetElement>(null);
  const consent = useRef<HTMLInputElement>(null);
  const { terms } = props;

  useEffect(() => {
    if (props.chosenPackId) document.getElementById(`pack-${props.chosenPackId}`)?.scrollIntoView({ block: "center" });
  }, [props.chosenPackId]);

  function onBuy(packId: string) {
    if (!consent.current?.checked) {
      setConsentMissing(true);
      consent.current?.focus();
      return;
    }
    const methodId = methods.current?.querySelector<HTMLInputElement>("input:checked")?.value;
    void buy(packId, (METHODS.find((m) => m.id === methodId) ?? METHODS[0]!).method);
  }

  return (
    <>
      <p>
        보유 크레딧: <strong data-testid="balance">{formatCredits(balance)}</strong>
      </p>
      <fieldset ref={methods} className="card above" disabled={busy}>
        <legend>결제 수단</legend>
        {METHODS.map((m) => (
          <label key={m.id} className="choice">
            <input type="radio" name="payMethod" value={m.id} defaultChecked={m.id === METHODS[0]!.id} />
            {m.label}
          </label>
        ))}
      </fieldset>

      <section className={`card above ${styles.terms}`} aria-labelledby="terms-heading">
        <h2 id="terms-heading" className={styles.termsHeading}>
          구매 조건
        </h2>
        <ul className={styles.rules}>
          <li>
            유료 크레딧은 구매일부터 {formatCredits(terms.paidValidDays)}일, 보너스 크레딧은 {formatCredits(terms.bonusValidDays)}일 동안 쓸 수
            있습니다.
          </li>
          <li>
            결제 후 {terms.withdrawalDays}일 안에는 유료 크레딧에서 사용한 크레딧(보너스 포함)을 뺀 만큼 수수료 없이 환불받을 수
            있습니다(청약철회). 이미 사용한 크레딧은 환불되지 않습니다.
          </li>
          <li>
            그 뒤 결제 후 {formatCredits(terms.refundableDays)}일까지는 같은 만큼을 환불 금액의 {terms.feePercent}% 수수료를 빼고 환불받을
            수 있습니다. 보너스 크레딧은 환불되지 않으며, 사용한 보너스 크레딧은 환불 금액에서 빠집니다.
          </li>
        </ul>
        <p className="small flush">
          <Link href="/refund-policy" target="_blank">
            환불 정책
          </Link>{" "}
          ·{" "}
          <Link href="/terms" target="_blank">
            이용약관
          </Link>
        </p>
        <label className={styles.consent}>
          <input
            ref={consent}
            type="checkbox"
            required
            aria-invalid={consentMissing}
            aria-describedby={consentMissing ? "consent-missing" : undefined}
            onChange={() => setConsentMissing(false)}
          />
          {CONSENT_LABEL} (필수)
        </label>
        {consentMissing && (
          <p id="consent-missing" role="alert" className="alert error flush">
            결제하려면 구매 조건과 환불 정책에 동의해 주세요.
          </p>
        )}
      </section>

      <div className="grid" aria-busy={busy}>
        {props.packs.map((pack) => {
          const chosen = pack.id === props.chosenPackId;
          return (
            <section
              key={pack.id}
              id={`pack-${pack.id}`}
              className={`card ${styles.pack} ${chosen ? styles.chosen : ""}`}
              aria-labelledby={`pack-${pack.id}-name`}
              aria-current={chosen ? "true" : undefined}
            >
              {chosen && <p className={styles.chosenTag}>선택한 팩</p>}
              <h2 id={`pack-${pack.id}-name`} className="flush">
                {pack.name}
              </h2>
              <p className={`balance price ${styles.price}`}>{formatKrw(pack.amount)}</p>
              <PackCredits pack={pack} />
              <p className={styles.uses}>프리미엄 채팅 {formatCredits(Math.floor(pack.credits / 10))}회</p>
              <button type="button" disabled={busy || !hydrated} onClick={() => onBuy(pack.id)}>
                {activePack === pack.id ? "진행 중…" : `${pack.name} 구매하기`}
              </button>
            </section>
          );
        })}
      </div>
      <div className="below">
        <PurchaseResult state={state} onRetry={(id) => void complete(id)} />
      </div>
    </>
  );
}
