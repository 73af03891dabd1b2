import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** What a status change tells the outside world: the webhook to send, about a payment or a billing key. */
export type Change = TransactionChange | BillingKeyChange;
export type TransactionChange = {
  type: `Transaction.${string}`;
  paymentId: string;
  storeId: string;
  transactionId: string;
  cancellationId?: string;
};
export type BillingKeyChange = { type: "BillingKey.Issued" | "BillingKey.Deleted"; billingKey: string; storeId: string };

export type AttemptStatus = number | "timeout" | "network-error";
export type Attempt = { at: string; status: AttemptStatus };

/** Which payment or billing key a delivery is about. */
type Subject = { paymentId: string } | { billingKey: string };

type Delivery = {
  webhookId: string;
  type: string;
  subject: Subject;
  data: Record<string, unknown>;
  attempts: Attempt[];
};

export type DeliveryView = { webhookId: string; type: string; paymentId?: string; billingKey?: string; attempts: Attempt[] };
export type DeliveryFilter = { paymentId?: string; billingKey?: string };

export type WebhookOptions = {
  url: string;
  secret: string;
  /** Delay before each attempt: [first, first retry, …]. */
  retryDelaysMs: number[];
  attemptTimeoutMs: number;
  log?: (event: Record<string, unknown>) => void;
};

/**
 * Delivers PortOne V2 webhooks (version 2024-04-25 bodies, Standard Webhooks
 * signatures) at least once: retried on a non-2xx answer or a timeout, by the
 * given schedule. Pausing holds deliveries (and their retries) until resumed.
 */
export class WebhookDispatcher {
  private readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private held: Array<{ delivery: Delivery; attempt: number }> = [];
  private paused = false;
  private readonly signer: Webhook;

  constructor(private readonly options: WebhookOptions) {
    this.signer = new Webhook(options.secret);
  }

  emit(change: Change): void {
    const { type, ...data } = change;
    const subject: Subject = "billingKey" in change ? { billingKey: change.billingKey } : { paymentId: change.paymentId };
    const delivery: Delivery = { webhookId: `whk_${randomUUID()}`, type, subject, data, attempts: [] };
    this.deliveries.push(delivery);
    this.schedule(delivery, 0);
  }

  list(filter: DeliveryFilter = {}): DeliveryView[] {
    const about = (d: Delivery, key: keyof DeliveryFilter) =>
      filter[key] === undefined || (key in d.subject && (d.subject as DeliveryFilter)[key] === filter[key]);
    return this.deliveries
      .filter((d) => about(d, "paymentId") && about(d, "billingKey"))
      .map(({ webhookId, type, subject, attempts }) => ({ webhookId, type, ...subject, attempts: [...attempts] }));
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const held = this.held;
    this.held = [];
    for (const h of held) void this.attempt(h.delivery, h.attempt);
  }

  /** Sends a delivery once more, with the same webhook-id (as PortOne's resend does). */
  redeliver(webhookId: string): boolean {
    const delivery = this.deliveries.find((d) => d.webhookId === webhookId);
    if (!delivery) return false;
    void this.send(delivery);
    return true;
  }

  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.deliveries.length = 0;
    this.held = [];
    this.paused = false;
  }

  private schedule(delivery: Delivery, attempt: number): void {
    const delay = this.options.retryDelaysMs[attempt];
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, attempt);
    }, delay);
    this.timers.add(timer);
  }

  private async attempt(delivery: Delivery, attempt: number): Promise<void> {
    if (this.paused) {
      this.held.push({ delivery, attempt });
      return;
    }
    const status = await this.send(delivery);
    if (typeof status !== "number" || status < 200 || status >= 300) this.schedule(delivery, attempt + 1);
  }

  private async send(delivery: Delivery): Promise<AttemptStatus> {
    const at = new Date();
    const body = JSON.stringify({
      type: delivery.type,
      timestamp: at.toISOString(),
      data: delivery.data,
    });
    let status: AttemptStatus;
    try {
      const res = await fetch(this.options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "PortOne-Sandbox-Webhook/2024-04-25",
          "webhook-id": delivery.webhookId,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": this.signer.sign(delivery.webhookId, at, body),
        },
        body,
        signal: AbortSignal.timeout(this.options.attemptTimeoutMs),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch (error) {
      status = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "network-error";
    }
    delivery.attempts.push({ at: at.toISOString(), status });
    this.options.log?.({ event: "webhook", webhookId: delivery.webhookId, type: delivery.type, ...delivery.subject, status });
    return status;
  }
}
