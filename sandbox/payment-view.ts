import type {
  CancelledPayment,
  FailedPayment,
  PaidPayment,
  PartialCancelledPayment,
  Payment,
  ReadyPayment,
  VirtualAccountIssuedPayment,
} from "@portone/server-sdk/payment";
import { MERCHANT_ID, sandboxChannel } from "./merchant";
import { cancelledAmount, pgTxId, type PaymentRecord } from "./payment-record";

/** The payment as PortOne's `GET /payments/{paymentId}` answers it; `receiptUrl` links its receipt page. */
export function paymentView(p: PaymentRecord, receiptUrl: string): Payment {
  const cancelled = cancelledAmount(p);
  const paid = p.status === "PAID" || p.status === "PARTIAL_CANCELLED" || p.status === "CANCELLED";
  const base = {
    id: p.id,
    transactionId: p.transactionId,
    merchantId: MERCHANT_ID,
    storeId: p.storeId,
    method: p.method,
    channel: sandboxChannel(p.channelKey),
    version: "V2" as const,
    billingKey: p.billingKey,
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
    pgTxId: pgTxId(p),
    receiptUrl,
    disputes: [],
  };
  switch (p.status) {
    case "READY":
      return { ...base, status: "READY" } satisfies ReadyPayment;
    case "VIRTUAL_ACCOUNT_ISSUED":
      return { ...base, status: "VIRTUAL_ACCOUNT_ISSUED" } satisfies VirtualAccountIssuedPayment;
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
