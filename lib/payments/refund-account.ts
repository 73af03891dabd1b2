import { z } from "zod";
import { BANK_CODES } from "./banks";

/** The account a virtual-account payment is refunded to (PortOne's `CancelPaymentBody.refundAccount`). */
export const refundAccountSchema = z.object({
  bank: z.enum(BANK_CODES, { error: "bank is one of the listed banks" }),
  // Typed with or without dashes or spaces; PortOne takes the digits.
  number: z
    .string()
    .trim()
    .regex(/^[0-9][0-9 -]{4,28}[0-9]$/, "number is an account number (digits, dashes allowed)")
    .transform((n) => n.replace(/[^0-9]/g, "")),
  holderName: z.string().trim().min(1, "holderName is required").max(40, "holderName is over 40 characters"),
});

export type RefundAccount = z.infer<typeof refundAccountSchema>;
