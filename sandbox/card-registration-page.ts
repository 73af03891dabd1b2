import { escapeHtml } from "./html";
import { windowPage } from "./window-page";

type PageSession = { id: string; request: { storeId: string; issueName?: string; customer: { customerId: string; fullName?: string } } };

/** The sandbox card-registration window (`requestIssueBillingKey`): the store, the customer, and two test cards. */
export function cardRegistrationPage(session: PageSession): string {
  const { request } = session;
  const customer = request.customer.fullName ? `${request.customer.fullName} (${request.customer.customerId})` : request.customer.customerId;
  return windowPage({
    title: "PortOne 카드 등록 (샌드박스)",
    heading: "PortOne 카드 등록",
    sessionId: session.id,
    actionPath: `/billing-key-issues/${encodeURIComponent(session.id)}`,
    main: `<p class="card-number" aria-label="테스트 카드 번호">5365-10**-****-1234</p>
  <dl>
    <dt>상점</dt><dd>AInfo (${escapeHtml(request.storeId)})</dd>
    ${request.issueName ? `<dt>등록 용도</dt><dd>${escapeHtml(request.issueName)}</dd>` : ""}
    <dt>고객</dt><dd>${escapeHtml(customer)}</dd>
    <dt>카드</dt><dd>샌드박스 테스트 카드 (신용)</dd>
  </dl>
  <div class="choices">
    <button type="button" data-action="register" class="primary" autofocus>카드 등록</button>
    <button type="button" data-action="register-declining">거절되는 테스트 카드 등록</button>
    <button type="button" data-action="cancel">취소</button>
  </div>`,
  });
}
