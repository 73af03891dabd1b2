import type { PortOneConfig } from "@/lib/env";

// PortOne's own script (what @portone/browser-sdk loads when no SDK URL is set) and the
// hosts its checkout talks to and frames in live mode.
const PORTONE_LIVE_SDK_ORIGIN = "https://cdn.portone.io";
const PORTONE_LIVE_CHECKOUT_ORIGINS = ["https://*.portone.io", "https://*.iamport.co"];

/** Where the browser may load PortOne's SDK from, call, and frame: the sandbox's origin, or PortOne's. */
export function portoneBrowserOrigins(portone: Pick<PortOneConfig, "sdkUrl">): { script: string[]; checkout: string[] } {
  if (portone.sdkUrl) {
    // The sandbox (or a PortOne SDK URL set by hand) serves its script, its API and its checkout from one origin.
    const origin = new URL(portone.sdkUrl).origin;
    const live = origin === PORTONE_LIVE_SDK_ORIGIN;
    return { script: [origin], checkout: live ? PORTONE_LIVE_CHECKOUT_ORIGINS : [origin] };
  }
  return { script: [PORTONE_LIVE_SDK_ORIGIN], checkout: PORTONE_LIVE_CHECKOUT_ORIGINS };
}

/**
 * The policy for a page. Scripts and style elements need this response's nonce (Next.js puts
 * it on its own) or our origin, and PortOne's SDK its origin; pages carry no inline style
 * attributes, so none are allowed. In development React needs eval and Next.js injects
 * style elements without the nonce.
 */
export function pageContentSecurityPolicy(options: {
  nonce: string;
  portone: Pick<PortOneConfig, "sdkUrl">;
  https: boolean;
  development: boolean;
}): string {
  const { nonce, development } = options;
  const portone = portoneBrowserOrigins(options.portone);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' ${portone.script.join(" ")}${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${portone.checkout.join(" ")}`,
    `frame-src ${portone.checkout.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** On every response, static files included (next.config.ts); the policy, HSTS and the request id come per request from proxy.ts. */
export const STATIC_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

/** API responses are data, never a document: nothing may load, frame or run in them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Two years, the preload list's expectation; sent only when the app's own URL is https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
