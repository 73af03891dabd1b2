import { NextResponse, type NextRequest } from "next/server";
import { runReconciliation } from "@/lib/admin/reconcile-runs";
import { config } from "@/lib/env";
import { bearerMatches } from "@/lib/http/bearer";
import { Problem } from "@/lib/http/problem";
import { handle } from "@/lib/http/route";

/** For a scheduler: `Authorization: Bearer $CRON_SECRET`. Without CRON_SECRET the route does not exist. */
export const POST = handle(async (req: NextRequest) => {
  const secret = config().cronSecret;
  if (!secret) throw new Problem(404, "NOT_FOUND", "Not found", "Reconciliation by HTTP is disabled: CRON_SECRET is not set.");
  if (!bearerMatches(req.headers.get("authorization"), secret)) {
    throw new Problem(401, "UNAUTHENTICATED", "Bearer token required", "Send Authorization: Bearer <CRON_SECRET>.");
  }
  return NextResponse.json(await runReconciliation("cron"));
});
