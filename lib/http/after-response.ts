import { after } from "next/server";
import { log } from "@/lib/log";

/**
 * Runs `task` once the response has gone (next/server's `after`, which keeps the
 * server alive for it). Outside a Next.js request (a script, a test calling a
 * route handler) there is no response to wait for, and the task starts at once
 * in the background.
 */
export function afterResponse(task: () => Promise<unknown>): void {
  const guarded = () => task().catch((error: unknown) => log.error({ err: error }, "work after the response failed"));
  try {
    after(guarded);
  } catch (error) {
    if (!(error instanceof Error && error.message.includes("outside a request scope"))) throw error;
    void guarded();
  }
}
