import { EASY_PAY_PROVIDER_NAMES, type EasyPayProvider } from "./easy-pay";
import { escapeHtml, formatAmount } from "./html";
import { windowPage } from "./window-page";

type PageSession = {
  id: string;
  request: {
    orderName: string;
    totalAmount: number;
    currency: string;
    payMethod: string;
    storeId: string;
    easyPay?: { easyPayProvider?: EasyPayProvider };
  };
};

/** What the customer pays with, as the checkout names it, and the choices it offers for it. */
function payMethodChoices(request: PageSession["request"]): { label: string; choices: string } {
  const provider = request.easyPay?.easyPayProvider;
  if (request.payMethod === "EASY_PAY" && provider) {
    const name = EASY_PAY_PROVIDER_NAMES[provider];
    return { label: name, choices: `<button type="button" data-action="pay" class="primary" autofocus>${name}로 결제하기</button>` };
  }
  if (request.payMethod === "VIRTUAL_ACCOUNT") {
    return { label: "가상계좌", choices: `<button type="button" data-action="virtual-account" class="primary" autofocus>가상계좌 발급받기</button>` };
  }
  return {
    label: "신용·체크카드",
    choices: `<button type="button" data-action="pay" class="primary" autofocus>결제하기</button>
    <button type="button" data-action="decline">거절되는 테스트 카드로 결제</button>`,
  };
}

/** The sandbox checkout window: the order, and the customer's choices as real buttons. */
export function checkoutPage(session: PageSession): string {
  const { request } = session;
  const { label, choices } = payMethodChoices(request);
  return windowPage({
    title: "PortOne 결제 (샌드박스)",
    heading: "PortOne 결제",
    sessionId: session.id,
    actionPath: `/checkout/${encodeURIComponent(session.id)}`,
    main: `<p class="amount">${escapeHtml(formatAmount(request.totalAmount, request.currency))}</p>
  <dl>
    <dt>상점</dt><dd>AInfo (${escapeHtml(request.storeId)})</dd>
    <dt>주문</dt><dd>${escapeHtml(request.orderName)}</dd>
    <dt>결제 수단</dt><dd>${label}</dd>
  </dl>
  <div class="choices">
    ${choices}
    <button type="button" data-action="cancel">취소</button>
  </div>`,
  });
}
