const krw = new Intl.NumberFormat("ko-KR", { style: "currency", currency: "KRW" });
const count = new Intl.NumberFormat("ko-KR");
const dateTime = new Intl.DateTimeFormat("ko-KR", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Asia/Seoul",
});

/** ₩5,000 */
export function formatKrw(amount: number): string {
  return krw.format(amount);
}

/** 1,200 */
export function formatCredits(credits: number): string {
  return count.format(credits);
}

export function formatDateTime(iso: string | Date): string {
  return dateTime.format(typeof iso === "string" ? new Date(iso) : iso);
}
