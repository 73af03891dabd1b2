"use client";

import { useState } from "react";
import type { PayMethod } from "@/lib/payments/orders";
import type { PackView } from "@/lib/payments/packs";
import { formatCredits, formatKrw } from "@/lib/format";
import { PackCredits } from "./pack-credits";
import styles from "./purchase-panel.module.css";
import { PurchaseResult } from "./purchase-result";
import { usePurchase } from "./use-purchase";

export function PurchasePanel(props: { packs: PackView[]; balance: number; sdkUrl: string | undefined }) {
  const [balance, setBalance] = useState(props.balance);
  const { state, buy, complete, activePack } = usePurchase(props.sdkUrl, setBalance);
  const busy = activePack !== null;
  const [payMethod, setPayMethod] = useState<PayMethod>("CARD");

  return (
    <>
      <p>
        보유 크레딧: <strong data-testid="balance">{formatCredits(balance)}</strong>
      </p>
      <fieldset className="card above" disabled={busy}>
        <legend>결제 수단</legend>
        <label className="choice">
          <input type="radio" name="payMethod" checked={payMethod === "CARD"} onChange={() => setPayMethod("CARD")} />
          신용·체크카드
        </label>
        <label className="choice">
          <input
            type="radio"
            name="payMethod"
            checked={payMethod === "VIRTUAL_ACCOUNT"}
            onChange={() => setPayMethod("VIRTUAL_ACCOUNT")}
          />
          가상계좌 (입금 확인 후 충전)
        </label>
      </fieldset>
      <div className="grid" aria-busy={busy}>
        {props.packs.map((pack) => (
          <section key={pack.id} className={`card ${styles.pack}`} aria-labelledby={`pack-${pack.id}`}>
            <h2 id={`pack-${pack.id}`} className="flush">
              {pack.name}
            </h2>
            <p className={`balance price ${styles.price}`}>{formatKrw(pack.amount)}</p>
            <PackCredits pack={pack} />
            <p className={styles.uses}>프리미엄 채팅 {formatCredits(Math.floor(pack.credits / 10))}회</p>
            <button type="button" disabled={busy} onClick={() => void buy(pack.id, payMethod)}>
              {activePack === pack.id ? "진행 중…" : `${pack.name} 구매하기`}
            </button>
          </section>
        ))}
      </div>
      <div className="below">
        <PurchaseResult state={state} onRetry={(id) => void complete(id)} />
      </div>
    </>
  );
}
