import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/env";
import { problemResponse, problems } from "@/lib/http/problem";
import { requestIdFrom } from "@/lib/http/request-id";
import { API_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from "@/lib/http/security-headers";
import { hasMalformedPercentEncoding } from "@/lib/http/url-encoding";

/**
 * Per-request headers: a Content-Security-Policy with a fresh nonce for pages
 * (Next.js reads it from the request and puts it on its scripts), a strict one
 * for the API, HSTS when the app is served over https, and an x-request-id that
 * route handlers see and the response carries. Headers only: this is no access
 * check, and nothing may rely on it running (next.config.ts sets the static ones).
 *
 * The one answer it gives itself: a path or query that does not percent-decode is a
 * 400 problem here, since Next.js's router would answer it with a bare 500 of its own
 * (vercel/next.js#92527) after this runs and before any page or route handler does.
 */
export function proxy(request: NextRequest) {
  const { appUrl, portone } = appConfig();
  const https = appUrl.startsWith("https:");
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  const malformed = hasMalformedPercentEncoding(request.nextUrl);
  const policy =
    malformed || request.nextUrl.pathname.startsWith("/api/")
      ? API_CONTENT_SECURITY_POLICY
      : pageContentSecurityPolicy({
          nonce: Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64"),
          portone,
          https,
          development: process.env.NODE_ENV === "development",
        });

  let response: NextResponse;
  if (malformed) {
    response = problemResponse(problems.malformedUrl());
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-request-id", requestId);
    requestHeaders.set("content-security-policy", policy);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("content-security-policy", policy);
  response.headers.set("x-request-id", requestId);
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Everything but the build's static files, which next.config.ts's headers cover.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
