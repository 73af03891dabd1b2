import { PaymentClient, RestError } from "@portone/server-sdk";
import { config } from "@/lib/env";
import { Problem } from "@/lib/http/problem";

let client: PaymentClient | undefined;

/** The official PortOne payment client, pointed at real PortOne or the sandbox by the environment alone. */
function portonePayments(): PaymentClient {
  const { apiSecret, apiBaseUrl, storeId } = config().portone;
  client ??= PaymentClient({ secret: apiSecret, baseUrl: apiBaseUrl, storeId });
  return client;
}

/** PortOne could not be asked (network, timeout, 5xx): nothing was decided, try again later. */
export class PortOneUnavailable extends Problem {
  /** No answer (a timeout, a broken connection) or an unknown error: PortOne may have done what was asked all the same. */
  readonly outcomeUnknown: boolean;

  constructor(cause: unknown) {
    super(502, "PORTONE_UNAVAILABLE", "PortOne is not reachable", "PortOne could not be reached. Nothing has changed; please try again shortly.");
    this.cause = cause;
    const type = portoneErrorType(cause);
    this.outcomeUnknown = type === undefined || type === "UNKNOWN" || type === "INTERNAL_SERVER_ERROR";
  }
}

/** The PortOne error type (`PAYMENT_NOT_FOUND`, …) of a REST failure, if PortOne answered with one. */
export function portoneErrorType(error: unknown): string | undefined {
  if (!(error instanceof RestError)) return undefined;
  const type = (error.data as { type?: unknown }).type;
  return typeof type === "string" ? type : undefined;
}

// PortOne's own answers that mean "could not serve now", not "here is the answer".
const SERVER_SIDE_TYPES = new Set(["INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE", "PG_PROVIDER", "UNKNOWN"]);

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Runs one PortOne call, turning "could not ask" (network error, timeout, 5xx, a
 * non-JSON answer) into PortOneUnavailable and leaving PortOne's own errors as they are.
 */
export async function callPortOne<T>(call: (client: PaymentClient) => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`PortOne did not answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
  });
  try {
    return await Promise.race([call(portonePayments()), timeout]);
  } catch (error) {
    const type = portoneErrorType(error);
    if (type && !SERVER_SIDE_TYPES.has(type)) throw error;
    throw new PortOneUnavailable(error);
  } finally {
    clearTimeout(timer);
  }
}
