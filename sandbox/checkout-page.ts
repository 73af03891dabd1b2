import { escapeHtml, formatAmount } from "./html";

type PageSession = {
  id: string;
  mode: "iframe" | "redirect";
  request: { orderName: string; totalAmount: number; currency: string; payMethod: string; storeId: string };
};

/** The sandbox checkout window: the order, and the customer's choices as real buttons. */
export function checkoutPage(session: PageSession): string {
  const { request } = session;
  const virtualAccount = request.payMethod === "VIRTUAL_ACCOUNT";
  const choices = virtualAccount
    ? `<button type="button" data-action="virtual-account" class="primary" autofocus>가상계좌 발급받기</button>`
    : `<button type="button" data-action="pay" class="primary" autofocus>결제하기</button>
       <button type="button" data-action="decline">거절되는 테스트 카드로 결제</button>`;
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PortOne 결제 (샌드박스)</title>
<style>
  body { font-family: system-ui, "Apple SD Gothic Neo", "Noto Sans KR", sans-serif; margin: 0; color: #1b1b24; background: #fff; }
  main { padding: 1.5rem; display: grid; gap: 1rem; max-width: 26rem; margin: 0 auto; }
  .badge { display: inline-block; font-size: .75rem; padding: .15rem .5rem; border-radius: 999px; background: #fff3cd; color: #7a5b00; }
  .amount { font-size: 2rem; font-weight: 700; margin: 0; }
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
  <h1 style="font-size:1.1rem;margin:0">PortOne 결제</h1>
  <p class="amount">${escapeHtml(formatAmount(request.totalAmount, request.currency))}</p>
  <dl>
    <dt>상점</dt><dd>AInfo (${escapeHtml(request.storeId)})</dd>
    <dt>주문</dt><dd>${escapeHtml(request.orderName)}</dd>
    <dt>결제 수단</dt><dd>${virtualAccount ? "가상계좌" : "신용·체크카드"}</dd>
  </dl>
  <div class="choices">
    ${choices}
    <button type="button" data-action="cancel">취소</button>
  </div>
  <p role="status" aria-live="polite"></p>
</main>
<script>
  const sessionId = ${JSON.stringify(session.id)};
  const buttons = document.querySelectorAll("button[data-action]");
  const status = document.querySelector("[role=status]");
  async function choose(action) {
    buttons.forEach((b) => (b.disabled = true));
    status.textContent = "처리 중…";
    try {
      const res = await fetch("/checkout/" + encodeURIComponent(sessionId) + "/" + action, { method: "POST" });
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
