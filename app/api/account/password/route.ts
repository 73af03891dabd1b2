import { NextResponse, type NextRequest } from "next/server";
import { changePassword, passwordChangeSchema } from "@/lib/accounts/password-change";
import { requireUserId } from "@/lib/auth/session";
import { handle, parseJsonBody } from "@/lib/http/route";
import { consumeRateLimit, RATE_LIMITS } from "@/lib/http/rate-limit";

/** Changes the password and ends every session, this one included: the person signs in again with the new one. */
export const POST = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  // Guessing the current password from a stolen session is limited like guessing it at sign-in.
  await consumeRateLimit(RATE_LIMITS.signInFailures, `password-change:${userId}`);
  await changePassword(userId, await parseJsonBody(req, passwordChangeSchema));
  return NextResponse.json({ sessionsEnded: true });
});
