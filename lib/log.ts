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

/** Structured one-line-per-event logs, each line of a request carrying its requestId. Never log secrets, passwords, or card/account numbers. */
export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
      base: { service: "ainfo-credits" },
      serializers: { err: serializeError },
      redact: { paths: SECRET_KEYS.flatMap((key) => [key, `*.${key}`]), censor: "[redacted]" },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

export const log = createLogger();
