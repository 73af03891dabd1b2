import pino from "pino";

/** Structured one-line-per-event logs. Never log secrets, passwords, or card/account numbers. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { service: "ainfo-credits" },
});
