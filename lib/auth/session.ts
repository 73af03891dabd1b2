import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { authSecret } from "@/lib/auth/secret";
import { sessionIsCurrent } from "@/lib/auth/sessions";
import { problems } from "@/lib/http/problem";
import { config } from "@/lib/env";

/**
 * The signed-in user's id, read from the session cookie of this request.
 * Every route handler that needs a user calls this itself: the proxy can be bypassed.
 * A session ended since (sign-out everywhere, a password change) is refused here, on every instance.
 */
export async function requireUserId(req: NextRequest): Promise<string> {
  const token = await getToken({
    req,
    secret: authSecret(),
    secureCookie: config().appUrl.startsWith("https://"),
  });
  if (typeof token?.uid !== "string" || !(await sessionIsCurrent(token.uid, token.sv))) throw problems.unauthenticated();
  return token.uid;
}

/** For server components: the signed-in user, or null. */
export async function currentUser(): Promise<{ id: string; email: string; name: string | null } | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}
