import { log } from "@/lib/log";
import { chargeAutoTopUp } from "./charge";
import { requestAutoTopUp } from "./trigger";

/** Runs work after the response has gone: next/server's `after` in a route, or anything that keeps the promise alive. */
export type Deferrer = (task: () => Promise<unknown>) => void;

/**
 * Called by every spend once it is done: records the top-up a low balance asks
 * for (one statement), and defers its charge past the response, so the spender
 * never waits on PortOne. A failure here never fails the spend: the credits
 * were spent, and the next spend asks again.
 */
export async function topUpAfterSpend(userId: string, defer: Deferrer): Promise<void> {
  let paymentId: string | undefined;
  try {
    paymentId = await requestAutoTopUp(userId);
  } catch (error) {
    log.warn({ err: error, userId }, "auto top-up could not be recorded after a spend");
    return;
  }
  if (paymentId) {
    const recorded = paymentId;
    defer(() => chargeAutoTopUp(recorded));
  }
}
