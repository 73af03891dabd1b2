import type { LotView } from "./lots";

const DAY_MS = 86_400_000;
/** How far ahead the account page warns about expiring credits. */
export const EXPIRY_WARNING_DAYS = 30;

export type LotSummary = {
  /** Open paid credits, summed over the lots. */
  paid: number;
  /** Open bonus credits, summed over the lots. */
  bonus: number;
  /** Credits whose lots expire within EXPIRY_WARNING_DAYS of now, and the soonest such expiry; null when none. */
  expiringSoon: { credits: number; firstExpiresAt: string; lots: number } | null;
};

/** What the open lots add up to, by kind, and what of them is about to expire. */
export function summarizeLots(lots: LotView[], now: Date): LotSummary {
  const horizon = now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS;
  const sum = (of: LotView[]) => of.reduce((total, lot) => total + lot.remaining, 0);
  const expiring = lots.filter((lot) => {
    const expiresAt = Date.parse(lot.expiresAt);
    return expiresAt > now.getTime() && expiresAt <= horizon;
  });
  const first = expiring.map((lot) => lot.expiresAt).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return {
    paid: sum(lots.filter((lot) => lot.kind === "paid")),
    bonus: sum(lots.filter((lot) => lot.kind === "bonus")),
    expiringSoon: first ? { credits: sum(expiring), firstExpiresAt: first, lots: expiring.length } : null,
  };
}
