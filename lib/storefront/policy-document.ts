/** One block of a published policy: a paragraph, a list, a sentence ending in a link to another page, or worked examples. */
export type PolicyBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "link"; text: string; href: string; label: string }
  | { kind: "examples"; items: { situation: string; outcome: string }[] };

/** A numbered article (제1조) or a heading of a policy, with its blocks. */
export type PolicySection = { id: string; heading: string; blocks: PolicyBlock[] };

export const paragraph = (text: string): PolicyBlock => ({ kind: "paragraph", text });
export const list = (...items: string[]): PolicyBlock => ({ kind: "list", items });
export const link = (text: string, href: string, label: string): PolicyBlock => ({ kind: "link", text, href, label });

/**
 * The day the current versions of the terms, the refund policy and the privacy policy took effect.
 * A revision changes it, and is announced on the site 7 days before (30 days when it disadvantages members).
 */
export const POLICY_EFFECTIVE_DATE = "2026년 11월 28일";

/** 1825 → "1,825일(5년)", 365 → "365일(1년)", 90 → "90일". */
export function describeDays(days: number): string {
  const formatted = `${days.toLocaleString("ko-KR")}일`;
  return days % 365 === 0 ? `${formatted}(${days / 365}년)` : formatted;
}
