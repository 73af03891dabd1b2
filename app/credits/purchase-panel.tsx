"use client";

import { useState } from "react";
import type { PackView } from "@/lib/payments/packs";
import { formatCredits, formatKrw } from "@/lib/format";
import { PurchaseResult } from "./purchase-result";
import { usePurchase } from "./use-purchase";

export function PurchasePanel(props: { packs: PackView[]; balance: number; sdkUrl: string | undefined }) {
  const [balance, setBalance] = useState(props.balance);
  const { state, buy, complete, activePack } = usePurchase(props.sdkUrl, setBalance);
  const busy = activePack !== null;

  return (
    <>
      <p>
        보유 크레딧: <strong data-testid="balance">{formatCredits(balance)}</strong>
      </p>
      <div className="grid" aria-busy={busy}>
        {props.packs.map((pack) => (
          <section key={pack.id} className="card" aria-labelledby={`pack-${pack.id}`}>
            <h2 id={`pack-${pack.id}`} style={{ margin: 0 }}>
              {pack.name}
            </h2>
            <p className="balance" style={{ fontSize: "1.4rem" }}>
              {formatKrw(pack.amount)}
            </p>
            <p className="muted">
              {formatCredits(pack.credits)} 크레딧 · 프리미엄 채팅 {formatCredits(Math.floor(pack.credits / 10))}회
            </p>
            <button type="button" disabled={busy} onClick={() => void buy(pack.id)}>
              {activePack === pack.id ? "진행 중…" : `${pack.name} 구매하기`}
            </button>
          </section>
        ))}
      </div>
      <div style={{ marginTop: "1rem" }}>
        <PurchaseResult state={state} onRetry={(id) => void complete(id)} />
      </div>
    </>
  );
}
