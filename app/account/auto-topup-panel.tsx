"use client";

import { useState, type FormEvent } from "react";
import { useHydrated } from "@/app/components/use-hydrated";
import type { AutoTopUpView } from "@/lib/auto-topup/settings";
import { formatCredits, formatDateTime, formatKrw } from "@/lib/format";
import { ApiError, callApi } from "@/lib/http/client";
import type { PackView } from "@/lib/payments/packs";
import { registerCardWithPortOne, type CardRegistrationRequest } from "@/lib/portone/card-registration";
import styles from "./auto-topup-panel.module.css";
import { describeAutoTopUpProblem } from "./auto-topup-problems";

const DISABLED_REASONS: Record<string, string> = {
  CARD_DECLINED: "카드 결제가 거절되어 자동 충전을 껐습니다. 등록했던 카드는 삭제했습니다. 다른 카드를 등록한 뒤 다시 켜 주세요.",
  CARD_UNAVAILABLE: "등록한 카드를 더 이상 쓸 수 없어(카드 정보 삭제) 자동 충전을 껐습니다. 카드를 다시 등록해 주세요.",
  CHARGE_REFUSED: "결제 서비스가 자동 충전 결제를 받아들이지 않아 자동 충전을 껐습니다. 카드를 다시 등록한 뒤 켜 주세요.",
};

type Message = { kind: "success" | "error"; text: string } | null;

/**
 * /account's 자동 충전: the saved card (registered in PortOne's own window),
 * the rule (pack, threshold, monthly cap, on/off) with what it will do spelled
 * out before it is turned on, and why the system turned it off, if it did.
 */
export function AutoTopUpPanel(props: {
  initial: AutoTopUpView;
  packs: PackView[];
  registration: CardRegistrationRequest;
  sdkUrl: string | undefined;
  cooldownMinutes: number;
}) {
  const [view, setView] = useState(props.initial);
  const [form, setForm] = useState({ enabled: view.enabled, packId: view.packId, threshold: String(view.threshold), cap: String(view.monthlyCapKrw) });
  const [busy, setBusy] = useState<"card" | "save" | "remove" | null>(null);
  const hydrated = useHydrated();
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const pack = props.packs.find((p) => p.id === form.packId) ?? props.packs[0]!;

  async function registerCard() {
    setBusy("card");
    setMessage(null);
    try {
      const outcome = await registerCardWithPortOne(props.registration, props.sdkUrl);
      // PortOne has taken over the page; /account/card keeps the card when it comes back.
      if (outcome.kind === "redirected") return;
      if (outcome.kind === "unavailable") throw new Error("카드 등록 창을 불러오지 못했습니다. 페이지를 새로고침한 뒤 다시 시도해 주세요.");
      if (outcome.kind === "failed") {
        setMessage({ kind: "error", text: outcome.cancelledByCustomer ? "카드 등록을 취소했습니다." : `카드를 등록하지 못했습니다. (${outcome.message})` });
        return;
      }
      setView(await callApi<AutoTopUpView>("/api/auto-topup/card", { body: { billingKey: outcome.billingKey } }));
      setMessage({ kind: "success", text: "카드를 등록했습니다." });
    } catch (error) {
      setMessage({ kind: "error", text: error instanceof Error && !(error instanceof ApiError) ? error.message : describeAutoTopUpProblem(error) });
    } finally {
      setBusy(null);
    }
  }

  async function removeCard() {
    setBusy("remove");
    setMessage(null);
    try {
      const next = await callApi<AutoTopUpView>("/api/auto-topup/card", { method: "DELETE" });
      setView(next);
      setForm((f) => ({ ...f, enabled: false }));
      setMessage({ kind: "success", text: "카드를 삭제하고 자동 충전을 껐습니다." });
    } catch (error) {
      setMessage({ kind: "error", text: describeAutoTopUpProblem(error) });
    } finally {
      setBusy(null);
      setConfirmingRemoval(false);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy("save");
    setMessage(null);
    try {
      const next = await callApi<AutoTopUpView>("/api/auto-topup", {
        method: "PUT",
        body: { enabled: form.enabled, packId: form.packId, threshold: Number(form.threshold), monthlyCapKrw: Number(form.cap) },
      });
      setView(next);
      setMessage({ kind: "success", text: next.enabled ? "자동 충전을 켰습니다." : "설정을 저장했습니다. 자동 충전은 꺼져 있습니다." });
    } catch (error) {
      setMessage({ kind: "error", text: describeAutoTopUpProblem(error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className={`card ${styles.panel}`}>
      {view.disabledReason && (
        <p role="alert" className="alert error flush">
          {DISABLED_REASONS[view.disabledReason] ?? "자동 충전이 꺼졌습니다."}
        </p>
      )}

      <div className={styles.card}>
        <h3 className={styles.subheading}>결제 카드</h3>
        {view.card ? (
          <>
            <p className="flush" data-testid="auto-topup-card">
              {view.card.issuer ?? "카드"}
              {view.card.billingKeyLast4 && ` ···· ${view.card.billingKeyLast4}`} · {formatDateTime(view.card.registeredAt)} 등록
            </p>
            {confirmingRemoval ? (
              <div className={styles.row} role="group" aria-label="카드 삭제 확인">
                <span>카드를 삭제하면 자동 충전도 꺼집니다.</span>
                <button type="button" onClick={() => void removeCard()} disabled={busy !== null}>
                  {busy === "remove" ? "삭제하는 중…" : "삭제"}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmingRemoval(false)} disabled={busy !== null}>
                  취소
                </button>
              </div>
            ) : (
              <div className={styles.row}>
                <button type="button" className="secondary" onClick={() => void registerCard()} disabled={busy !== null}>
                  {busy === "card" ? "카드 등록 중…" : "다른 카드 등록"}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmingRemoval(true)} disabled={busy !== null}>
                  카드 삭제
                </button>
              </div>
            )}
          </>
        ) : (
          <>
            <p className="muted flush">등록된 카드가 없습니다. 카드 정보는 PortOne 결제창에서 입력하며 AInfo에는 저장되지 않습니다.</p>
            <div className={styles.row}>
              <button type="button" onClick={() => void registerCard()} disabled={busy !== null}>
                {busy === "card" ? "카드 등록 중…" : "카드 등록"}
              </button>
            </div>
          </>
        )}
      </div>

      <form className={styles.form} onSubmit={(e) => void save(e)} aria-busy={busy === "save"}>
        <h3 className={styles.subheading}>충전 규칙</h3>
        {/* Controlled fields: a value set before hydration would be overwritten, so they wait for it. */}
        <fieldset className={styles.fields} disabled={!hydrated}>
          <label>
            충전할 팩
            <select value={form.packId} onChange={(e) => setForm({ ...form, packId: e.target.value })}>
              {props.packs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {formatKrw(p.amount)}
                </option>
              ))}
            </select>
          </label>
          <label>
            기준 잔액 (크레딧)
            <input type="number" inputMode="numeric" min={0} step={1} required value={form.threshold} onChange={(e) => setForm({ ...form, threshold: e.target.value })} />
          </label>
          <label>
            월 한도 (원)
            <input type="number" inputMode="numeric" min={1} step={1} required value={form.cap} onChange={(e) => setForm({ ...form, cap: e.target.value })} />
          </label>
          <p className={styles.explain} id="auto-topup-explain">
            켜 두면 프리미엄 채팅으로 잔액이 <strong>{formatCredits(Number(form.threshold) || 0)} 크레딧 아래로</strong> 내려갈 때{" "}
            <strong>
              {pack.name}({formatKrw(pack.amount)})
            </strong>
            을 등록한 카드로 결제해 충전합니다. 충전은 한 번에 하나씩, 최소 {props.cooldownMinutes}분 간격으로, 한 달(매월 1일 시작)에{" "}
            <strong>{formatKrw(Number(form.cap) || 0)}</strong>까지만 결제합니다. 이번 달 자동 충전 결제 금액은{" "}
            <strong data-testid="month-charged">{formatKrw(view.monthChargedKrw)}</strong>입니다. 그만두려면 여기서 끄거나 카드를 삭제하세요. 끄는
            즉시 아직 결제 요청이 나가지 않은 충전은 모두 취소됩니다. 자동 충전 결제도 환불 정책이 똑같이 적용됩니다.
          </p>
          <label className={styles.toggle}>
            <input
              type="checkbox"
              checked={form.enabled}
              aria-describedby="auto-topup-explain"
              onChange={(e) => setForm({ ...form, enabled: e.target.checked })}
            />
            자동 충전 사용
          </label>
        </fieldset>
        <div className={styles.row}>
          <button type="submit" disabled={busy !== null || !hydrated}>
            {busy === "save" ? "저장하는 중…" : "저장"}
          </button>
          <span className="muted small">현재: {view.enabled ? "켜짐" : "꺼짐"}</span>
        </div>
      </form>

      <p role="status" className={message?.kind === "error" ? "alert error flush" : message ? "alert success flush" : styles.empty}>
        {message?.text}
      </p>
    </div>
  );
}
