import { NextRequest } from "next/server";
import { emailSchema } from "@/lib/accounts/users";
import { readTextWithLimit } from "@/lib/http/body";
import { requestAddress } from "@/lib/http/client-address";
import { problemResponse } from "@/lib/http/problem";
import { consumeRateLimit, forgiveRateLimit, RATE_LIMITS, RateLimited } from "@/lib/http/rate-limit";

/** The error next-auth's authorize throws when passwords cannot be checked for load; next-auth puts it in its error URL. */
export const SIGN_IN_BUSY = "RATE_LIMITED";

const FORM_LIMIT = 16 * 1024;

/** A 429 problem that next-auth's client can read too: it looks for `url` in every answer of this route. */
async function refused(error: RateLimited, appUrl: string): Promise<Response> {
  const problem = problemResponse(error);
  const body = { ...((await problem.json()) as object), url: `${appUrl}/signin?error=${SIGN_IN_BUSY}` };
  return new Response(JSON.stringify(body), { status: problem.status, headers: problem.headers });
}

/** next-auth takes its fields as a form or as JSON. */
function submittedEmail(body: string, contentType: string | null): unknown {
  if (!contentType?.includes("application/json")) return new URLSearchParams(body).get("email");
  try {
    return (JSON.parse(body) as { email?: unknown } | null)?.email;
  } catch {
    return undefined;
  }
}

/** next-auth's answer names its error in a JSON `url` (json=true) or in the redirect's Location. */
async function errorOf(response: Response): Promise<string | null> {
  const location = response.headers.get("location");
  const body = location ? undefined : ((await response.clone().json().catch(() => undefined)) as { url?: unknown } | undefined);
  const url = location ?? (typeof body?.url === "string" ? body.url : undefined);
  if (!url) return response.ok ? null : "UNKNOWN";
  return new URL(url, "http://localhost").searchParams.get("error");
}

/**
 * next-auth's credentials sign-in, under the sign-in limit: every attempt counts
 * against its email and client address first and a success is forgiven, so after
 * ten failures that pair is refused, right password or not, until the window
 * ends, while other addresses are unaffected. A sign-in refused because password
 * checking is saturated answers 429 and does not count.
 */
export async function signInWithLimits(req: Request, appUrl: string, signIn: (req: Request) => Promise<Response>): Promise<Response> {
  const form = await readTextWithLimit(req, FORM_LIMIT);
  const email = emailSchema.safeParse(submittedEmail(form, req.headers.get("content-type")));
  const subject = `${email.success ? email.data : "invalid"}:${requestAddress(req)}`;
  try {
    await consumeRateLimit(RATE_LIMITS.signInFailures, subject);
  } catch (error) {
    if (error instanceof RateLimited) return refused(error, appUrl);
    throw error;
  }
  const response = await signIn(new NextRequest(req.url, { method: "POST", headers: req.headers, body: form }));
  const error = await errorOf(response);
  if (error === null || error === SIGN_IN_BUSY) await forgiveRateLimit(RATE_LIMITS.signInFailures, subject);
  return error === SIGN_IN_BUSY ? refused(new RateLimited(1), appUrl) : response;
}
