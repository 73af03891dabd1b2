import { escapeHtml } from "./html";

/** A sandbox window's session as its page and its answer need it. */
export type WindowSession = { id: string; origin: string; mode: "iframe" | "redirect"; request: { redirectUrl?: string } };

/**
 * What a window's action answers, for its page's script: the SDK response to hand
 * back to the merchant page, by `postMessage` to its origin or by redirecting to
 * `redirectUrl` with the response as PortOne's query parameters.
 */
export function windowResult(session: WindowSession, response: object) {
  let redirectTo: string | null = null;
  if (session.mode === "redirect" && session.request.redirectUrl) {
    const url = new URL(session.request.redirectUrl);
    for (const [key, value] of Object.entries(response)) if (value !== undefined) url.searchParams.set(key, String(value));
    redirectTo = url.toString();
  }
  return { response, targetOrigin: session.origin, redirectTo };
}

/**
 * A sandbox window (checkout, card registration): `main` holds its content and
 * its choices as `button[data-action]`; a click POSTs to `{actionPath}/{action}`
 * and hands the answer back to the merchant page.
 */
export function windowPage(page: { title: string; heading: string; sessionId: string; actionPath: string; main: string }): string {
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>
  body { font-family: system-ui, "Apple SD Gothic Neo", "Noto Sans KR", sans-serif; margin: 0; color: #1b1b24; background: #fff; }
  main { padding: 1.5rem; display: grid; gap: 1rem; max-width: 26rem; margin: 0 auto; }
  h1 { font-size: 1.1rem; margin: 0; }
  .badge { display: inline-block; font-size: .75rem; padding: .15rem .5rem; border-radius: 999px; background: #fff3cd; color: #7a5b00; }
  .amount { font-size: 2rem; font-weight: 700; margin: 0; }
  .card-number { font-size: 1.3rem; font-weight: 700; margin: 0; letter-spacing: .05em; }
  dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: .3rem 1rem; }
  dt { color: #5d5d70; }
  dd { margin: 0; }
  button { font: inherit; padding: .8rem 1rem; border-radius: 10px; border: 1px solid #c9c9d6; background: #fff; cursor: pointer; width: 100%; }
  button.primary { background: #0064ff; border-color: #0064ff; color: #fff; font-weight: 700; }
  button:disabled { opacity: .55; cursor: progress; }
  button:focus-visible { outline: 3px solid #8fb8ff; outline-offset: 2px; }
  .choices { display: grid; gap: .6rem; }
  [role=status] { min-height: 1.5rem; color: #5d5d70; }
</style>
</head>
<body>
<main>
  <div><span class="badge">샌드박스 · 실제 결제되지 않습니다</span></div>
  <h1>${escapeHtml(page.heading)}</h1>
  ${page.main}
  <p role="status" aria-live="polite"></p>
</main>
<script>
  const sessionId = ${JSON.stringify(page.sessionId)};
  const actionPath = ${JSON.stringify(page.actionPath)};
  const buttons = document.querySelectorAll("button[data-action]");
  const status = document.querySelector("[role=status]");
  async function choose(action) {
    buttons.forEach((b) => (b.disabled = true));
    status.textContent = "처리 중…";
    try {
      const res = await fetch(actionPath + "/" + action, { method: "POST" });
      const body = await res.json();
      if (!res.ok) throw new Error(body.message || "처리하지 못했습니다.");
      if (body.redirectTo) { location.replace(body.redirectTo); return; }
      parent.postMessage({ source: "portone-sandbox", sessionId, response: body.response }, body.targetOrigin);
    } catch (e) {
      status.textContent = e.message;
      buttons.forEach((b) => (b.disabled = false));
    }
  }
  buttons.forEach((b) => b.addEventListener("click", () => choose(b.dataset.action)));
</script>
</body>
</html>`;
}
