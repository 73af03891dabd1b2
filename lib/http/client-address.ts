import { config } from "@/lib/env";

/**
 * The client's address for per-address limits. Next.js puts the socket's address
 * in X-Forwarded-For when a request arrives without one; behind proxies, each
 * appends the address it saw, so with TRUST_PROXY_HOPS=n the n-th entry from the
 * right is the one the outermost trusted proxy saw. Entries further left are the
 * client's own claims and are never used.
 */
export function clientAddress(headers: Headers, trustProxyHops: number): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const address = chain[chain.length - Math.max(1, trustProxyHops)] ?? chain[0];
  // Bounded, so a forged header cannot make a huge rate-limit key.
  return address ? address.slice(0, 64) : "unknown";
}

/** The address of this request's client, as the deployment's TRUST_PROXY_HOPS says to read it. */
export function requestAddress(req: Request): string {
  return clientAddress(req.headers, config().trustProxyHops);
}
