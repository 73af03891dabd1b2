const krw = new Intl.NumberFormat("ko-KR", { style: "currency", currency: "KRW" });
const count = new Intl.NumberFormat("ko-KR");
// 24-hour time: the AM/PM words of Korean differ between ICU versions (오후 or PM), so server and browser could disagree.
const dateTime = new Intl.DateTimeFormat("ko-KR", {
  dateStyle: "medium",
  timeStyle: "short",
  hourCycle: "h23",
  timeZone: "Asia/Seoul",
});
const date = new Intl.DateTimeFormat("ko-KR", { dateStyle: "medium", timeZone: "Asia/Seoul" });

/** ₩5,000 */
export function formatKrw(amount: number): string {
  return krw.format(amount);
}

/** 1,200 */
export function formatCredits(credits: number): string {
  return count.format(credits);
}

/** 2026. 11. 27. 14:16, in Korean time wherever the code runs */
export function formatDateTime(iso: string | Date): string {
  return dateTime.format(typeof iso === "string" ? new Date(iso) : iso);
}

/** 2026. 11. 27., the day in Korean time wherever the code runs */
export function formatDate(iso: string | Date): string {
  return date.format(typeof iso === "string" ? new Date(iso) : iso);
}
