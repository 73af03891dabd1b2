import { randomUUID } from "node:crypto";
import type { Card } from "@portone/server-sdk/common";
import type { Payment, SucceededPaymentCancellation } from "@portone/server-sdk/payment";
import type { EasyPayProvider } from "./easy-pay";
import { failures } from "./errors";
import {
  cancelledAmount,
  pgTxId,
  type CheckoutRequest,
  type PaymentFailure,
  type PaymentOrigin,
  type PaymentRecord,
  type SandboxStatus,
} from "./payment-record";
import { paymentView } from "./payment-view";
import type { TransactionChange } from "./webhooks";

/** How the customer pays in the checkout (or the control API says they did). */
export type PayOptions = {
  amount?: number;
  method?: "CARD" | "VIRTUAL_ACCOUNT" | "EASY_PAY";
  easyPayProvider?: EasyPayProvider;
};

/** A charge with a stored card, as PortOne's `POST /payments/{paymentId}/billing-key` asks for it. */
export type BillingKeyCharge = {
  paymentId: string;
  storeId: string;
  billingKey: string;
  card: Card;
  channelKey: string | undefined;
  orderName: string;
  amount: number;
  currency: string;
  customer: CheckoutRequest["customer"];
  customData: string | undefined;
  origin: PaymentOrigin;
};

/** What a new attempt at a payment is made of; the rest of its record starts fresh. */
type AttemptFields = Pick<
  PaymentRecord,
  "id" | "storeId" | "origin" | "orderName" | "currency" | "channelKey" | "customer" | "customData" | "method" | "billingKey"
>;

const now = () => new Date().toISOString();
const approvalNumber = () => String(Math.floor(Math.random() * 1e8)).padStart(8, "0");

/**
 * The sandbox's payments, in memory, with PortOne's state machine:
 * READY → PAID / FAILED / VIRTUAL_ACCOUNT_ISSUED → PAID; PAID → PARTIAL_CANCELLED / CANCELLED.
 */
export class PaymentStore {
  private readonly payments = new Map<string, PaymentRecord>();

  /** `receiptUrl` gives each paid payment's receipt page, as PortOne links its PG's. */
  constructor(private readonly receiptUrl: (paymentId: string) => string) {}

  reset(): void {
    this.payments.clear();
  }

  private get(paymentId: string): PaymentRecord {
    const p = this.payments.get(paymentId);
    if (!p) throw failures.notFound(paymentId);
    return p;
  }

  private move(p: PaymentRecord, status: SandboxStatus): void {
    const at = now();
    p.status = status;
    p.updatedAt = at;
    p.statusChangedAt = at;
  }

  private change(p: PaymentRecord, type: TransactionChange["type"], cancellationId?: string): TransactionChange {
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
  openCheckout(request: CheckoutRequest, origin: PaymentOrigin): TransactionChange {
    const p = this.startAttempt({
      id: request.paymentId,
      storeId: request.storeId,
      origin,
      orderName: request.orderName,
      amount: request.totalAmount,
      currency: request.currency,
      channelKey: request.channelKey,
      customer: request.customer,
      customData: request.customData === undefined ? undefined : JSON.stringify(request.customData),
      method: undefined,
    });
    return this.change(p, "Transaction.Ready");
  }

  private startAttempt(attempt: AttemptFields & { amount: number }): PaymentRecord {
    const { amount, ...fields } = attempt;
    const preRegistered = this.checkChargeable(attempt.id, amount, attempt.currency);
    const at = now();
    const p: PaymentRecord = {
      ...fields,
      transactionId: randomUUID(),
      status: "READY",
      requestedAmount: amount,
      chargedAmount: amount,
      preRegistered,
      requestedAt: this.payments.get(attempt.id)?.requestedAt ?? at,
      updatedAt: at,
      statusChangedAt: at,
      cancellations: [],
    };
    this.payments.set(p.id, p);
    return p;
  }

  /**
   * A new attempt may start on no payment, a pre-registered one or a failed one, and only
   * for the amount and currency it was pre-registered with. Returns that pre-registration.
   */
  checkChargeable(paymentId: string, amount: number, currency: string): PaymentRecord["preRegistered"] {
    const existing = this.payments.get(paymentId);
    if (existing && existing.status !== "READY" && existing.status !== "FAILED") throw failures.alreadyPaid();
    const pre = existing?.preRegistered;
    if (pre?.totalAmount !== undefined && pre.totalAmount !== amount) {
      throw failures.invalidRequest(`사전 등록된 결제 금액(${pre.totalAmount})과 요청 금액(${amount})이 다릅니다.`);
    }
    if (pre?.currency !== undefined && pre.currency !== currency) {
      throw failures.invalidRequest(`사전 등록된 통화(${pre.currency})와 요청 통화(${currency})가 다릅니다.`);
    }
    return pre;
  }

  /** The customer pays: by card or easy pay (PAID), or by asking for a virtual account (VIRTUAL_ACCOUNT_ISSUED). */
  pay(paymentId: string, options: PayOptions = {}): TransactionChange {
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
    p.method =
      options.method === "EASY_PAY" && options.easyPayProvider
        ? { type: "PaymentMethodEasyPay", provider: options.easyPayProvider }
        : { type: "PaymentMethodCard", approvalNumber: approvalNumber() };
    return this.markPaid(p);
  }

  /**
   * A charge with a billing key: no window, no READY step. The payment is stored PAID,
   * or FAILED with the card company's `failure`, either way with a new attempt.
   */
  chargeWithBillingKey(charge: BillingKeyCharge, failure?: PaymentFailure): TransactionChange {
    const p = this.startAttempt({
      id: charge.paymentId,
      storeId: charge.storeId,
      origin: charge.origin,
      orderName: charge.orderName,
      amount: charge.amount,
      currency: charge.currency,
      channelKey: charge.channelKey,
      customer: charge.customer,
      customData: charge.customData,
      method: { type: "PaymentMethodCard", card: charge.card, approvalNumber: approvalNumber() },
      billingKey: charge.billingKey,
    });
    if (!failure) return this.markPaid(p);
    p.failure = failure;
    p.failedAt = now();
    this.move(p, "FAILED");
    return this.change(p, "Transaction.Failed");
  }

  /** PortOne's summary of a paid charge, as `payWithBillingKey` answers it. */
  paidSummary(paymentId: string): { pgTxId: string; paidAt: string } {
    const p = this.get(paymentId);
    if (!p.paidAt) throw failures.notPaid();
    return { pgTxId: pgTxId(p), paidAt: p.paidAt };
  }

  private markPaid(p: PaymentRecord): TransactionChange {
    p.paidAt = now();
    this.move(p, "PAID");
    return this.change(p, "Transaction.Paid");
  }

  /** A virtual account receives its deposit. */
  deposit(paymentId: string): TransactionChange {
    const p = this.get(paymentId);
    if (p.status !== "VIRTUAL_ACCOUNT_ISSUED") throw failures.wrongState("입금 대기 중인 가상계좌가 아닙니다.");
    return this.markPaid(p);
  }

  /** The attempt fails: a declined card, or a virtual account that expired unpaid. */
  fail(paymentId: string, failure: PaymentFailure = { reason: "카드사에서 승인을 거절했습니다.", pgCode: "DECLINED", pgMessage: "승인 거절 (테스트 카드)" }): TransactionChange {
    const p = this.get(paymentId);
    if (p.status !== "READY" && p.status !== "VIRTUAL_ACCOUNT_ISSUED") throw failures.alreadyPaid();
    p.failure = failure;
    p.failedAt = now();
    this.move(p, "FAILED");
    return this.change(p, "Transaction.Failed");
  }

  cancel(
    paymentId: string,
    body: { amount?: number; reason?: string; currentCancellableAmount?: number; refundAccount?: { bank: string; number: string; holderName: string } },
  ): { cancellation: SucceededPaymentCancellation; change: TransactionChange } {
    const p = this.get(paymentId);
    if (p.status === "CANCELLED") throw failures.alreadyCancelled();
    if (p.status !== "PAID" && p.status !== "PARTIAL_CANCELLED") throw failures.notPaid();
    // A deposit into a virtual account goes back to a bank account, which PortOne needs with the cancel.
    if (p.method?.type === "PaymentMethodVirtualAccount" && !body.refundAccount) {
      throw failures.invalidRequest("가상계좌 결제를 취소하려면 환불 계좌(refundAccount: 은행, 계좌번호, 예금주)가 필요합니다.");
    }
    const cancellable = p.chargedAmount - cancelledAmount(p);
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
    const full = cancelledAmount(p) === p.chargedAmount;
    this.move(p, full ? "CANCELLED" : "PARTIAL_CANCELLED");
    return { cancellation, change: this.change(p, full ? "Transaction.Cancelled" : "Transaction.PartialCancelled", cancellation.id) };
  }

  /** The payment as PortOne's `GET /payments/{paymentId}` answers it. */
  toPortOne(paymentId: string): Payment {
    return paymentView(this.get(paymentId), this.receiptUrl(paymentId));
  }

  has(paymentId: string): boolean {
    return this.payments.has(paymentId);
  }
}
