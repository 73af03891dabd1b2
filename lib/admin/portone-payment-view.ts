import { z } from "zod";

const instant = z.string().optional();

const cancellation = z.object({
  id: z.string(),
  status: z.string(),
  totalAmount: z.number().int(),
  reason: z.string().optional(),
  requestedAt: instant,
  cancelledAt: instant,
});

/**
 * The fields of PortOne's Payment object the console shows and an operator
 * compares with ours. Everything else (the billing key, the card's number and
 * BIN, the customer's details, PG responses) is left out: zod drops every key
 * it does not name, nested ones included.
 */
export const portonePaymentView = z
  .object({
    status: z.string(),
    amount: z.object({ total: z.number().int(), paid: z.number().int().default(0), cancelled: z.number().int().default(0) }),
    currency: z.string(),
    method: z.object({ type: z.string(), provider: z.string().optional() }).optional(),
    requestedAt: instant,
    statusChangedAt: instant,
    paidAt: instant,
    failedAt: instant,
    cancelledAt: instant,
    cancellations: z.array(cancellation).default([]),
  })
  .transform(({ method, ...rest }) => ({ ...rest, method: method ? { type: method.type, provider: method.provider ?? null } : null }));

export type PortOnePaymentView = z.infer<typeof portonePaymentView>;
