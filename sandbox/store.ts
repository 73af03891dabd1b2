import { randomUUID } from "node:crypto";
import type {
  CancelledPayment,
  FailedPayment,
  PaidPayment,
  PartialCancelledPayment,
  Payment,
  PaymentMethod,
  ReadyPayment,
  SucceededPaymentCancellation,
  VirtualAccountIssuedPayment,
} from "@portone/server-sdk/payment";
import { failures } from "./errors";

export type SandboxStatus = "READY" | "PAID" | "FAILED" | "VIRTUAL_ACCOUNT_ISSUED" | "CANCELLED" | "PARTIAL_CANCELLED";

export type CheckoutRequest = {
  storeId: string;
  channelKey?: string;
  paymentId: string;
  orderName: string;
  totalAmount: number;
  currency: string;
  payMethod?: string;
  customer?: { customerId?: string; fullName?: string; email?: string; phoneNumber?: string };
  customData?: unknown;
};

/** Where the payment was requested from (PortOne's `origin`, newer than the SDK's types). */
export type PaymentOrigin = { platformType: "PC" | "MOBILE" | "API"; userAgent?: string; url?: string; ipAddress: string };

type Record = {
  origin: PaymentOrigin;
  id: string;
  storeId: string;
  transactionId: string;
  status: SandboxStatus;
  orderName: string;
  requestedAmount: number;
  chargedAmount: number;
  currency: string;
  channelKey: string | undefined;
  customer: CheckoutRequest["customer"];
  customData: string | undefined;
  preRegistered: { totalAmount: number | undefined; currency: string | undefined } | undefined;
  method: PaymentMethod | undefined;
  requestedAt: string;
  updatedAt: string;
  statusChangedAt: string;
  paidAt?: string;
  failedAt?: string;
  failure?: { reason: string; pgCode: string; pgMessage: string };
  cancellations: SucceededPaymentCancellation[];
  cancelledAt?: string;
};

/** What a status change tells the outside world (the webhook to send). */
export type Change = { type: string; paymentId: string; storeId: string; transactionId: string; cancellationId?: string };

const MERCHANT_ID = "merchant-ainfo-sandbox";
const now = () => new Date().toISOString();

/**
 * The sandbox's payments, in memory, with PortOne's state machine:
 * READY → PAID / FAILED / VIRTUAL_ACCOUNT_ISSUED → PAID; PAID → PARTIAL_CANCELLED / CANCELLED.
 */
export class PaymentStore {
  private readonly payments = new Map<string, Record>();

  /** `receiptUrl` gives each paid payment's receipt page, as PortOne links its PG's. */
  constructor(private readonly receiptUrl: (paymentId: string) => string) {}

  reset(): void {
    this.payments.clear();
  }

  private get(paymentId: string): Record {
    const p = this.payments.get(paymentId);
    if (!p) throw failures.notFound(paymentId);
    return p;
  }

  private move(p: Record, status: SandboxStatus): void {
    const at = now();
    p.status = status;
    p.updatedAt = at;
    p.statusChangedAt = at;
  }

  private change(p: Record, type: string, cancellationId?: string): Change {
    return { type, paymentId: p.id, storeId: p.storeId, transactionId: p.transactionId, cancellationId };
  }

  preRegister(paymentId: string, storeId: string, body: { totalAmount?: number; currency?: string }, origin: PaymentOrigin): void {
    const existing = this.payments.get(paymentId);
    if (existing && existing.status !== "READY") throw failures.alreadyPaid();
    const at = now();
    const amount = body.totalAmount ?? existing?.requestedAmount ?? 0;
    this.payments.set(paymentId, {
      ...(existing ?? {
        id: paymentId,
        origin,
        storeId,
        transactionId: randomUUID(),
        status: "READY" as const,
        orderName: "",
        chargedAmount: amount,
        channelKey: undefined,
        customer: undefined,
        customData: undefined,
        method: undefined,
        requestedAt: at,
        statusChangedAt: at,
        cancellations: [],
      }),
      requestedAmount: amount,
      currency: body.currency ?? existing?.currency ?? "KRW",
      preRegistered: { totalAmount: body.totalAmount, currency: body.currency },
      updatedAt: at,
    });
  }

  /** A checkout window opened: the payment is (re)created as READY with a new attempt, checked against its pre-registration. */
  openCheckout(request: CheckoutRequest, origin: PaymentOrigin): Change {
    const existing = this.payments.get(request.paymentId);
    if (existing && existing.status !== "READY" && existing.status !== "FAILED") throw failures.alreadyPaid();
    const pre = existing?.preRegistered;
    if (pre?.totalAmount !== undefined && pre.totalAmount !== request.totalAmount) {
      throw failures.invalidRequest(`사전 등록된 결제 금액(${pre.totalAmount})과 요청 금액(${request.totalAmount})이 다릅니다.`);
    }
    if (pre?.currency !== undefined && pre.currency !== request.currency) {
      throw failures.invalidRequest(`사전 등록된 통화(${pre.currency})와 요청 통화(${request.currency})가 다릅니다.`);
    }
    const at = now();
    const p: Record = {
      origin,
      id: request.paymentId,
      storeId: request.storeId,
      transactionId: randomUUID(),
      status: "READY",
      orderName: request.orderName,
      requestedAmount: request.totalAmount,
      chargedAmount: request.totalAmount,
      currency: request.currency,
      channelKey: request.channelKey,
      customer: request.customer,
      customData: request.customData === undefined ? undefined : JSON.stringify(request.customData),
      preRegistered: pre,
      method: undefined,
      requestedAt: existing?.requestedAt ?? at,
      updatedAt: at,
      statusChangedAt: at,
      cancellations: [],
    };
    this.payments.set(p.id, p);
    return this.change(p, "Transaction.Ready");
  }

  /** The customer pays: by card (PAID), or by asking for a virtual account (VIRTUAL_ACCOUNT_ISSUED). */
  pay(paymentId: string, options: { amount?: number; method?: "CARD" | "VIRTUAL_ACCOUNT" } = {}): Change {
    const p = this.get(paymentId);
    if (p.status === "PAID" || p.status === "CANCELLED" || p.status === "PARTIAL_CANCELLED") throw failures.alreadyPaid();
    if (p.status === "VIRTUAL_ACCOUNT_ISSUED") throw failures.wrongState("가상계좌가 이미 발급되었습니다. 입금(deposit)으로 결제하세요.");
    p.chargedAmount = options.amount ?? p.requestedAmount;
    p.failure = undefined;
    if (options.method === "VIRTUAL_ACCOUNT") {
      const expiredAt = new Date(Date.now() + 24 * 3600_000).toISOString();
      p.method = {
        type: "PaymentMethodVirtualAccount",
        bank: "SHINHAN",
        accountNumber: `5620${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
        accountType: "NORMAL",
        remitteeName: "AInfo",
        expiredAt,
        issuedAt: now(),
      };
      this.move(p, "VIRTUAL_ACCOUNT_ISSUED");
      return this.change(p, "Transaction.VirtualAccountIssued");
    }
    p.method = { type: "PaymentMethodCard", approvalNumber: String(Math.floor(Math.random() * 1e8)).padStart(8, "0") };
    return this.markPaid(p);
  }

  private markPaid(p: Record): Change {
    p.paidAt = now();
    this.move(p, "PAID");
    return this.change(p, "Transaction.Paid");
  }

  /** A virtual account receives its deposit. */
  deposit(paymentId: string): Change {
    const p = this.get(paymentId);
    if (p.status !== "VIRTUAL_ACCOUNT_ISSUED") throw failures.wrongState("입금 대기 중인 가상계좌가 아닙니다.");
    return this.markPaid(p);
  }

  /** The attempt fails: a declined card, or a virtual account that expired unpaid. */
  fail(paymentId: string, failure = { reason: "카드사에서 승인을 거절했습니다.", pgCode: "DECLINED", pgMessage: "승인 거절 (테스트 카드)" }): Change {
    const p = this.get(paymentId);
    if (p.status !== "READY" && p.status !== "VIRTUAL_ACCOUNT_ISSUED") throw failures.alreadyPaid();
    p.failure = failure;
    p.failedAt = now();
    this.move(p, "FAILED");
    return this.change(p, "Transaction.Failed");
  }

  cancel(
    paymentId: string,
    body: { amount?: number; reason?: string; currentCancellableAmount?: number },
  ): { cancellation: SucceededPaymentCancellation; change: Change } {
    const p = this.get(paymentId);
    if (p.status === "CANCELLED") throw failures.alreadyCancelled();
    if (p.status !== "PAID" && p.status !== "PARTIAL_CANCELLED") throw failures.notPaid();
    const cancellable = p.chargedAmount - this.cancelledAmount(p);
    if (body.currentCancellableAmount !== undefined && body.currentCancellableAmount !== cancellable) {
      throw failures.cancellableAmountBroken();
    }
    const amount = body.amount ?? cancellable;
    if (!Number.isInteger(amount) || amount <= 0) throw failures.invalidRequest("취소 금액은 양의 정수여야 합니다.");
    if (amount > cancellable) throw failures.cancelExceeds();
    const at = now();
    const cancellation: SucceededPaymentCancellation = {
      status: "SUCCEEDED",
      id: `cancel-${randomUUID()}`,
      pgCancellationId: `pg-cancel-${randomUUID().slice(0, 8)}`,
      totalAmount: amount,
      taxFreeAmount: 0,
      vatAmount: Math.floor(amount / 11),
      reason: body.reason ?? "취소",
      cancelledAt: at,
      requestedAt: at,
      trigger: "API",
    };
    p.cancellations.push(cancellation);
    p.cancelledAt = at;
    const full = this.cancelledAmount(p) === p.chargedAmount;
    this.move(p, full ? "CANCELLED" : "PARTIAL_CANCELLED");
    return { cancellation, change: this.change(p, full ? "Transaction.Cancelled" : "Transaction.PartialCancelled", cancellation.id) };
  }

  private cancelledAmount(p: Record): number {
    return p.cancellations.reduce((sum, c) => sum + c.totalAmount, 0);
  }

  /** The payment as PortOne's `GET /payments/{paymentId}` answers it. */
  toPortOne(paymentId: string): Payment {
    const p = this.get(paymentId);
    const cancelled = this.cancelledAmount(p);
    const paid = p.status === "PAID" || p.status === "PARTIAL_CANCELLED" || p.status === "CANCELLED";
    const base = {
      id: p.id,
      transactionId: p.transactionId,
      merchantId: MERCHANT_ID,
      storeId: p.storeId,
      method: p.method,
      channel: {
        type: "TEST" as const,
        key: p.channelKey,
        name: "AInfo 샌드박스 채널",
        pgProvider: "TOSSPAYMENTS" as const,
        pgMerchantId: "ainfo-sandbox",
      },
      version: "V2" as const,
      requestedAt: p.requestedAt,
      updatedAt: p.updatedAt,
      statusChangedAt: p.statusChangedAt,
      orderName: p.orderName,
      amount: {
        total: p.chargedAmount,
        taxFree: 0,
        vat: Math.floor(p.chargedAmount / 11),
        supply: p.chargedAmount - Math.floor(p.chargedAmount / 11),
        discount: 0,
        paid: paid ? p.chargedAmount : 0,
        cancelled,
        cancelledTaxFree: 0,
      },
      currency: p.currency as PaidPayment["currency"],
      customer: {
        id: p.customer?.customerId,
        name: p.customer?.fullName,
        email: p.customer?.email,
        phoneNumber: p.customer?.phoneNumber,
      },
      customData: p.customData,
      origin: p.origin,
    };
    const paidFields = {
      paidAt: p.paidAt ?? p.statusChangedAt,
      pgTxId: `pg-${p.transactionId.slice(0, 8)}`,
      receiptUrl: this.receiptUrl(p.id),
      disputes: [],
    };
    switch (p.status) {
      case "READY":
        return { ...base, status: "READY" } satisfies ReadyPayment;
      case "VIRTUAL_ACCOUNT_ISSUED":
        return { ...base, status: "VIRTUAL_ACCOUNT_ISSUED", channel: base.channel } satisfies VirtualAccountIssuedPayment;
      case "FAILED":
        return { ...base, status: "FAILED", failedAt: p.failedAt ?? p.statusChangedAt, failure: p.failure ?? {} } satisfies FailedPayment;
      case "PAID":
        return { ...base, status: "PAID", ...paidFields } satisfies PaidPayment;
      case "PARTIAL_CANCELLED":
        return {
          ...base,
          status: "PARTIAL_CANCELLED",
          ...paidFields,
          cancellations: p.cancellations,
          cancelledAt: p.cancelledAt ?? p.statusChangedAt,
        } satisfies PartialCancelledPayment;
      case "CANCELLED":
        return {
          ...base,
          status: "CANCELLED",
          ...paidFields,
          cancellations: p.cancellations,
          cancelledAt: p.cancelledAt ?? p.statusChangedAt,
        } satisfies CancelledPayment;
    }
  }

  has(paymentId: string): boolean {
    return this.payments.has(paymentId);
  }
}
