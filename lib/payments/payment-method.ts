import type { Payment } from "@/db/schema";

/** Paid into a virtual account (as ordered, or as PortOne reported the method): refunded to a bank account. */
export function paidByVirtualAccount(payment: Pick<Payment, "payMethod" | "virtualAccountNumber">): boolean {
  return payment.payMethod === "VIRTUAL_ACCOUNT" || payment.virtualAccountNumber !== null;
}
