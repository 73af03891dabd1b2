/** A PortOne-shaped failure: `{ type, message, ...fields }` with PortOne's status code for that type. */
export class PortOneFailure extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** Further fields some error types carry, e.g. `PG_PROVIDER`'s `pgCode` and `pgMessage`. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const failures = {
  notFound: (paymentId: string) => new PortOneFailure(404, "PAYMENT_NOT_FOUND", `결제 건이 존재하지 않습니다: ${paymentId}`),
  unauthorized: () => new PortOneFailure(401, "UNAUTHORIZED", "인증 정보가 올바르지 않습니다."),
  invalidRequest: (message: string) => new PortOneFailure(400, "INVALID_REQUEST", message),
  alreadyPaid: () => new PortOneFailure(409, "ALREADY_PAID", "결제가 이미 완료되었습니다."),
  notPaid: () => new PortOneFailure(409, "PAYMENT_NOT_PAID", "결제가 완료되지 않았습니다."),
  alreadyCancelled: () => new PortOneFailure(409, "PAYMENT_ALREADY_CANCELLED", "결제가 이미 취소되었습니다."),
  cancellableAmountBroken: () =>
    new PortOneFailure(409, "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN", "취소 가능 잔액 검증에 실패했습니다."),
  cancelExceeds: () =>
    new PortOneFailure(409, "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT", "결제 취소 금액이 취소 가능 금액을 초과했습니다."),
  billingKeyNotFound: (billingKey: string) => new PortOneFailure(404, "BILLING_KEY_NOT_FOUND", `빌링키가 존재하지 않습니다: ${billingKey}`),
  billingKeyAlreadyDeleted: () => new PortOneFailure(409, "BILLING_KEY_ALREADY_DELETED", "빌링키가 이미 삭제되었습니다."),
  forbiddenStore: () => new PortOneFailure(403, "FORBIDDEN", "접근 권한이 없는 상점입니다."),
  pgProvider: (failure: { pgCode: string; pgMessage: string }) =>
    new PortOneFailure(502, "PG_PROVIDER", `[${failure.pgCode}] ${failure.pgMessage}`, failure),
  wrongState: (message: string) => new PortOneFailure(409, "INVALID_PAYMENT_STATE", message),
};
