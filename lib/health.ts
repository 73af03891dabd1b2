import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/** A load balancer's probe must not wait for a database that does not answer. */
const PROBE_TIMEOUT_MS = 1_500;

export async function databaseAnswers(timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([getDb().execute(sql`select 1`).then(() => true), timedOut]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
