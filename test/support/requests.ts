import { randomInt } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";

const BASE = "http://localhost:3000";

/** A session cookie exactly as next-auth issues it at sign-in (`sessionVersion`: the account's then). */
export async function sessionCookie(userId: string, sessionVersion = 0): Promise<string> {
  const token = await encode({ token: { uid: userId, sub: userId, sv: sessionVersion }, secret: process.env.AUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

/** An address of the benchmarking range, so per-address limits of one test never touch another's. */
export function testAddress(): string {
  return `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
}

export function jsonRequest(
  path: string,
  init: { method?: string; body?: unknown; rawBody?: string; cookie?: string; headers?: Record<string, string> } = {},
): NextRequest {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  headers["x-forwarded-for"] ??= testAddress();
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers["content-type"] ??= "application/json";
  return new NextRequest(new URL(path, BASE), {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
}

export async function readProblem(res: Response) {
  const body = (await res.json()) as { type: string; title: string; status: number; detail: string; code: string };
  return { contentType: res.headers.get("content-type"), ...body };
}
