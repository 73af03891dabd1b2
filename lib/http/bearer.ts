import { createHash, timingSafeEqual } from "node:crypto";

const sha256 = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Whether an Authorization header is exactly `Bearer <secret>`. Both sides are
 * hashed before the constant-time compare, so neither the secret's length nor
 * how much of it matched shows in the timing.
 */
export function bearerMatches(authorization: string | null, secret: string): boolean {
  return timingSafeEqual(sha256(authorization ?? ""), sha256(`Bearer ${secret}`));
}
