/**
 * `GET /v2/browser-sdk.js`: defines `window.PortOne` as PortOne's own script does,
 * so the official `@portone/browser-sdk/v2` works unchanged once pointed here.
 * It opens the sandbox checkout (or card registration) in an overlay, or takes over
 * the page (redirect flow) when `redirectUrl` is set and the window type or a mobile
 * browser asks for it.
 */
export function browserSdkScript(sandboxOrigin: string): string {
  return `(() => {
  "use strict";
  const SANDBOX = ${JSON.stringify(sandboxOrigin)};
  const isMobile = /Android|iPhone|iPad|iPod|Mobile/i.test(navigator.userAgent);

  function wantsRedirect(request) {
    if (!request.redirectUrl) return false;
    const type = request.windowType || {};
    const chosen = isMobile ? type.mobile : type.pc;
    return chosen === "REDIRECTION" || (isMobile && chosen === undefined);
  }

  function paymentFailure(request, code, message) {
    return { transactionType: "PAYMENT", paymentId: request && request.paymentId, code, message };
  }

  function issueFailure(code, message) {
    return { transactionType: "ISSUE_BILLING_KEY", code, message };
  }

  function missingField(request, fields) {
    return fields.find((field) => request[field] === undefined || request[field] === null || request[field] === "");
  }

  /** Opens a sandbox window ("/checkout" or "/billing-key-issues") and resolves with what the customer chose in it. */
  async function openWindow(path, title, request, fail) {
    const redirect = wantsRedirect(request);
    let session;
    try {
      const res = await fetch(SANDBOX + path + "/sessions", {
        method: "POST",
        headers: { "content-type": "text/plain;charset=UTF-8" },
        body: JSON.stringify({ request, origin: location.origin, mode: redirect ? "redirect" : "iframe" }),
      });
      session = await res.json();
      if (!res.ok) return fail("FAILURE_TYPE_PG", session.message || "창을 열지 못했습니다.");
    } catch (e) {
      return fail("FAILURE_TYPE_PG", "창을 열지 못했습니다: " + (e && e.message));
    }
    const url = SANDBOX + path + "/" + encodeURIComponent(session.sessionId);
    if (redirect) {
      location.assign(url + "?mode=redirect");
      return undefined;
    }
    return openOverlay(session.sessionId, url + "?mode=iframe", title);
  }

  function openOverlay(sessionId, src, title) {
    return new Promise((resolve) => {
      const backdrop = document.createElement("div");
      backdrop.setAttribute("data-portone-sandbox", "overlay");
      backdrop.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(17,17,34,.55);display:flex;align-items:center;justify-content:center;";
      const frame = document.createElement("iframe");
      frame.title = title;
      frame.src = src;
      frame.style.cssText = "width:min(420px,100vw);height:min(620px,100vh);border:0;border-radius:14px;background:#fff;box-shadow:0 20px 60px rgba(0,0,0,.35);";
      backdrop.appendChild(frame);
      document.body.appendChild(backdrop);
      frame.focus();
      function onMessage(event) {
        if (event.origin !== SANDBOX) return;
        const data = event.data;
        if (!data || data.source !== "portone-sandbox" || data.sessionId !== sessionId) return;
        window.removeEventListener("message", onMessage);
        backdrop.remove();
        resolve(data.response);
      }
      window.addEventListener("message", onMessage);
    });
  }

  async function requestPayment(request) {
    if (!request || typeof request !== "object") throw new Error("[PortOne] requestPayment needs a request object");
    const missing = missingField(request, ["storeId", "paymentId", "orderName", "totalAmount", "currency", "payMethod"]);
    if (missing) return paymentFailure(request, "INVALID_REQUEST", "[PortOne] " + missing + " is required");
    return openWindow("/checkout", "PortOne 결제창 (샌드박스)", request, (code, message) => paymentFailure(request, code, message));
  }

  async function requestIssueBillingKey(request) {
    if (!request || typeof request !== "object") throw new Error("[PortOne] requestIssueBillingKey needs a request object");
    const missing = missingField(request, ["storeId", "channelKey", "billingKeyMethod"]);
    if (missing) return issueFailure("INVALID_REQUEST", "[PortOne] " + missing + " is required");
    if (request.billingKeyMethod !== "CARD") {
      return issueFailure("INVALID_REQUEST", "[PortOne sandbox] billingKeyMethod " + request.billingKeyMethod + " is not emulated; use CARD");
    }
    // The sandbox channel stands for Toss Payments, which issues billing keys only for a known customer.
    if (!request.customer || !request.customer.customerId) return issueFailure("INVALID_REQUEST", "[PortOne] customer.customerId is required");
    return openWindow("/billing-key-issues", "PortOne 카드 등록 (샌드박스)", request, issueFailure);
  }

  const notInSandbox = (name) => () => Promise.reject(new Error("[PortOne sandbox] " + name + " is not emulated"));
  window.PortOne = {
    requestPayment,
    requestIdentityVerification: notInSandbox("requestIdentityVerification"),
    requestIssueBillingKey,
    requestIssueBillingKeyAndPay: notInSandbox("requestIssueBillingKeyAndPay"),
    loadPaymentUI: notInSandbox("loadPaymentUI"),
    loadIssueBillingKeyUI: notInSandbox("loadIssueBillingKeyUI"),
    updateLoadPaymentUIRequest: notInSandbox("updateLoadPaymentUIRequest"),
    updateLoadIssueBillingKeyUIRequest: notInSandbox("updateLoadIssueBillingKeyUIRequest"),
  };
})();
`;
}
