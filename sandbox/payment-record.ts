import type { PaymentMethod, SucceededPaymentCancellation } from "@portone/server-sdk/payment";

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

export type PaymentFailure = { reason: string; pgCode: string; pgMessage: string };

/** A test card's charge refused by its card company, in the checkout or through a billing key. */
export const CARD_DECLINED: PaymentFailure = { reason: "카드사에서 승인을 거절했습니다.", pgCode: "REJECT_CARD_COMPANY", pgMessage: "승인 거절 (테스트 카드)" };

/** One payment as the sandbox keeps it. */
export type PaymentRecord = {
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
  billingKey?: string;
  requestedAt: string;
  updatedAt: string;
  statusChangedAt: string;
  paidAt?: string;
  failedAt?: string;
  failure?: PaymentFailure;
  cancellations: SucceededPaymentCancellation[];
  cancelledAt?: string;
};

export const cancelledAmount = (p: PaymentRecord): number => p.cancellations.reduce((sum, c) => sum + c.totalAmount, 0);

/** PortOne's `pgTxId` for a payment: stable, derived from its transaction. */
export const pgTxId = (p: PaymentRecord): string => `pg-${p.transactionId.slice(0, 8)}`;
