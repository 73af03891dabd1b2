import { NextResponse, type NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { endAllSessions } from "@/lib/auth/sessions";
import { handle } from "@/lib/http/route";

/** Sign-out everywhere: every session of the account, on every device, ends. */
export const DELETE = handle(async (req: NextRequest) => {
  await endAllSessions(await requireUserId(req));
  return NextResponse.json({ sessionsEnded: true });
});
