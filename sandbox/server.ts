import http from "node:http";
import type { AddressInfo } from "node:net";
import { browserSdkScript } from "./browser-sdk-script";
import { handleCardRegistration, type CardRegistrationSessions } from "./card-registration";
import { handleCheckout, type CheckoutSessions } from "./checkout";
import { handleBillingKeyRest } from "./billing-key-rest";
import { BillingKeyStore } from "./billing-keys";
import { handleControl, type Faults, type FaultyMethod } from "./control";
import { failures, PortOneFailure } from "./errors";
import { send, sendFailure, sendJson } from "./http";
import { handleRest } from "./rest";
import { receiptPage } from "./receipt-page";
import { PaymentStore } from "./store";
import { WebhookDispatcher } from "./webhooks";

export type SandboxOptions = {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  apiSecret: string;
  webhookSecret: string;
  storeId: string;
  webhookUrl: string;
  /** Delay before each webhook attempt; PortOne's is about 0 s, 1, 4, 16, 64 and 256 minutes. */
  retryDelaysMs?: number[];
  attemptTimeoutMs?: number;
  /** Called once per request and per webhook attempt (main.ts prints each as one JSON line). */
  log?: (event: Record<string, unknown>) => void;
};

export type Sandbox = { url: string; port: number; close(): Promise<void> };

export const PORTONE_RETRY_DELAYS_MS = [0, 60_000, 240_000, 960_000, 3_840_000, 15_360_000];

/** Starts the PortOne V2 sandbox: REST API, browser SDK script, checkout and card registration, signed webhooks, control API. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  let origin = "";
  const store = new PaymentStore((paymentId) => `${origin}/receipts/${encodeURIComponent(paymentId)}`);
  const billingKeys = new BillingKeyStore();
  const faults: Faults = { api: "ok", latencyMs: 0 };
  const sessions: CheckoutSessions = new Map();
  const registrations: CardRegistrationSessions = new Map();
  const webhooks = new WebhookDispatcher({
    url: options.webhookUrl,
    secret: options.webhookSecret,
    retryDelaysMs: options.retryDelaysMs ?? PORTONE_RETRY_DELAYS_MS,
    attemptTimeoutMs: options.attemptTimeoutMs ?? 30_000,
    log: options.log,
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "GET, POST, DELETE",
        "access-control-allow-headers": "content-type, authorization",
      });
      res.end();
      return;
    }
    if (url.pathname === "/v2/browser-sdk.js" && req.method === "GET") {
      send(res, 200, "text/javascript; charset=utf-8", browserSdkScript(origin));
      return;
    }
    if (url.pathname === "/" && req.method === "GET") {
      sendJson(res, 200, { sandbox: "PortOne V2", storeId: options.storeId, webhookUrl: options.webhookUrl });
      return;
    }
    const receipt = /^\/receipts\/([^/]+)$/.exec(url.pathname);
    if (receipt && req.method === "GET") {
      send(res, 200, "text/html; charset=utf-8", receiptPage(store.toPortOne(decodeURIComponent(receipt[1]!))));
      return;
    }
    const { storeId } = options;
    if (await handleControl(req, res, url, { store, billingKeys, webhooks, faults, sessions, registrations, storeId })) return;
    if (await handleCheckout(req, res, url, { store, webhooks, storeId, sessions })) return;
    if (await handleCardRegistration(req, res, url, { billingKeys, webhooks, storeId, registrations })) return;
    if (url.pathname.startsWith("/payments/") || url.pathname.startsWith("/billing-keys/")) {
      const faulty = !faults.methods || faults.methods.includes(req.method as FaultyMethod);
      if (faulty && faults.api === "down") throw new PortOneFailure(503, "SERVICE_UNAVAILABLE", "샌드박스: API가 중단된 상태입니다 (장애 주입).");
      if (faulty && faults.api === "slow") await new Promise((r) => setTimeout(r, faults.latencyMs));
      if (req.headers.authorization !== `PortOne ${options.apiSecret}`) throw failures.unauthorized();
      const rest = { store, billingKeys, webhooks, storeId };
      if ((await handleRest(req, res, url, rest)) || (await handleBillingKeyRest(req, res, url, rest))) return;
    }
    throw new PortOneFailure(404, "NOT_FOUND", `${req.method} ${url.pathname} 경로가 없습니다.`);
  }

  const server = http.createServer((req, res) => {
    const started = Date.now();
    res.on("finish", () => {
      options.log?.({ event: "request", method: req.method, path: req.url, status: res.statusCode, ms: Date.now() - started });
    });
    route(req, res).catch((error: unknown) => {
      if (error instanceof PortOneFailure) sendFailure(res, error);
      else {
        console.error(error);
        sendFailure(res, new PortOneFailure(500, "INTERNAL_SERVER_ERROR", "샌드박스 내부 오류"));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://${host}:${port}`;
  return {
    url: origin,
    port,
    async close() {
      webhooks.reset();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
