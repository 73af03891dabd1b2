import http from "node:http";
import type { AddressInfo } from "node:net";
import { PaymentClient } from "@portone/server-sdk";
import { SANDBOX_DEFAULTS } from "./defaults";
import { startSandbox, type Sandbox } from "./server";

export type Received = { headers: Record<string, string>; body: string };

/** A webhook receiver for the sandbox's tests, answering with the statuses it is given in turn (then 200). */
export async function startReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function sandboxWithReceiver(options: { statuses?: number[]; retryDelaysMs?: number[]; attemptTimeoutMs?: number } = {}) {
  const receiver = await startReceiver(options.statuses);
  const sandbox: Sandbox = await startSandbox({
    port: 0,
    apiSecret: SANDBOX_DEFAULTS.apiSecret,
    webhookSecret: SANDBOX_DEFAULTS.webhookSecret,
    storeId: SANDBOX_DEFAULTS.storeId,
    webhookUrl: receiver.url,
    retryDelaysMs: options.retryDelaysMs ?? [0, 50, 100],
    attemptTimeoutMs: options.attemptTimeoutMs,
  });
  const portone = PaymentClient({ secret: SANDBOX_DEFAULTS.apiSecret, baseUrl: sandbox.url });
  const control = async (path: string, body: unknown = {}) => {
    const res = await fetch(`${sandbox.url}/_sandbox${path}`, { method: "POST", body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  /** A payment's deliveries, or with `{ billingKey }` a billing key's; all of them without. */
  const deliveries = async (about?: string | { billingKey: string }) => {
    const query = typeof about === "string" ? `?paymentId=${about}` : about ? `?billingKey=${about.billingKey}` : "";
    return (await (await fetch(`${sandbox.url}/_sandbox/webhooks${query}`)).json()) as Array<{
      webhookId: string;
      type: string;
      paymentId?: string;
      billingKey?: string;
      attempts: Array<{ at: string; status: number | string }>;
    }>;
  };
  /** A card registered without a browser, as `POST /_sandbox/billing-keys` does it. */
  const issueBillingKey = async (customerId: string, options: { declining?: boolean } = {}) => {
    const { status, body } = await control("/billing-keys", { customerId, ...options });
    if (status !== 201 || typeof body.billingKey !== "string") throw new Error(`issuing a billing key answered ${status}`);
    return body.billingKey;
  };
  return {
    sandbox,
    receiver,
    portone,
    control,
    deliveries,
    issueBillingKey,
    async close() {
      await sandbox.close();
      await receiver.close();
    },
  };
}

export async function until<T>(read: () => Promise<T> | T, check: (v: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
