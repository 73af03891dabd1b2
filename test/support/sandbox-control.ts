/** The sandbox's control API (contract.md, "Control endpoints"), as tests drive it. */

export type Delivery = { webhookId: string; type: string; paymentId: string; attempts: Array<{ at: string; status: number | string }> };

export function sandboxControl(baseUrl: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const payment = (id: string) => `/_sandbox/payments/${encodeURIComponent(id)}`;

  return {
    pay: (
      paymentId: string,
      body: { amount?: number; method?: "CARD" | "VIRTUAL_ACCOUNT" | "EASY_PAY"; easyPayProvider?: "KAKAOPAY" | "NAVERPAY" | "TOSSPAY" } = {},
    ) =>
      call<unknown>("POST", `${payment(paymentId)}/pay`, body),
    fail: (paymentId: string) => call<unknown>("POST", `${payment(paymentId)}/fail`, {}),
    deposit: (paymentId: string) => call<unknown>("POST", `${payment(paymentId)}/deposit`, {}),
    cancel: (paymentId: string, body: { amount?: number } = {}) => call<unknown>("POST", `${payment(paymentId)}/cancel`, body),
    deliveries: (paymentId: string) =>
      call<Delivery[]>("GET", `/_sandbox/webhooks?paymentId=${encodeURIComponent(paymentId)}`),
    pauseWebhooks: () => call<unknown>("POST", "/_sandbox/webhooks/pause", {}),
    resumeWebhooks: () => call<unknown>("POST", "/_sandbox/webhooks/resume", {}),
    redeliver: (webhookId: string) => call<unknown>("POST", `/_sandbox/webhooks/${encodeURIComponent(webhookId)}/redeliver`, {}),
    /** A card registered without a browser, for `customerId`; a declining card's every charge is declined. */
    registerCard: (customerId: string, options: { declining?: boolean } = {}) =>
      call<{ billingKey: string }>("POST", "/_sandbox/billing-keys", { customerId, ...options }),
    /** Decides the key's next charge: paid, declined, or charged with PortOne's answer lost. */
    nextCharge: (billingKey: string, outcome: "paid" | "declined" | "timeout") =>
      call<unknown>("POST", `/_sandbox/billing-keys/${encodeURIComponent(billingKey)}/next`, { outcome }),
    setApi: (api: "ok" | "down" | "slow", latencyMs?: number, methods?: Array<"GET" | "POST">) =>
      call<unknown>("POST", "/_sandbox/faults", { api, latencyMs, methods }),

    /** Waits until `check` holds for the payment's deliveries (each delivery is asynchronous). */
    async waitForDeliveries(paymentId: string, check: (d: Delivery[]) => boolean, timeoutMs = 10_000): Promise<Delivery[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const deliveries = await this.deliveries(paymentId);
        if (check(deliveries)) return deliveries;
        if (Date.now() > deadline) throw new Error(`deliveries for ${paymentId}: ${JSON.stringify(deliveries)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

export type SandboxControl = ReturnType<typeof sandboxControl>;
