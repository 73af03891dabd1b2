import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { Change } from "./store";

export type AttemptStatus = number | "timeout" | "network-error";
export type Attempt = { at: string; status: AttemptStatus };

type Delivery = {
  webhookId: string;
  type: string;
  paymentId: string;
  data: Omit<Change, "type">;
  attempts: Attempt[];
};

export type DeliveryView = { webhookId: string; type: string; paymentId: string; attempts: Attempt[] };

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
    const delivery: Delivery = { webhookId: `whk_${randomUUID()}`, type, paymentId: change.paymentId, data, attempts: [] };
    this.deliveries.push(delivery);
    this.schedule(delivery, 0);
  }

  list(paymentId?: string): DeliveryView[] {
    return this.deliveries
      .filter((d) => paymentId === undefined || d.paymentId === paymentId)
      .map(({ webhookId, type, paymentId: id, attempts }) => ({ webhookId, type, paymentId: id, attempts: [...attempts] }));
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
    this.options.log?.({ event: "webhook", webhookId: delivery.webhookId, type: delivery.type, paymentId: delivery.paymentId, status });
    return status;
  }
}
