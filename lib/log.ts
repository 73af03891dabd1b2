import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequestId } from "@/lib/http/request-id";
import { serializeError } from "@/lib/log-errors";

// Belt and braces: no call site should log these, but if one does, the value never reaches the log.
const SECRET_KEYS = [
  "password",
  "passwordHash",
  "token",
  "accessToken",
  "apiSecret",
  "secret",
  "billingKey",
  "cardNumber",
  "accountNumber",
  "virtualAccountNumber",
  "authorization",
  "cookie",
];

// A PortOne billing key (`billing-key-<uuid>`) charges the card it stands for, and PortOne's own
// error messages quote it ("빌링키가 존재하지 않습니다: billing-key-…"). Such a message reaches a line
// as an error's message, its stack, a cause's, pino's `msg` for a logged error, or a string a caller
// made of it; redaction by key sees none of those, so every line is scrubbed as it is written.
const BILLING_KEY = /billing-key-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;

function scrubBillingKeys(line: string): string {
  return line.includes("billing-key-") ? line.replace(BILLING_KEY, "billing-key-[redacted]") : line;
}

/** Structured one-line-per-event logs, each line of a request carrying its requestId. Never log secrets, passwords, or card/account numbers. */
export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
      base: { service: "ainfo-credits" },
      serializers: { err: serializeError },
      redact: { paths: SECRET_KEYS.flatMap((key) => [key, `*.${key}`]), censor: "[redacted]" },
      hooks: { streamWrite: scrubBillingKeys },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

export const log = createLogger();
