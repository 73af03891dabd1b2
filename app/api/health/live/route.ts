import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. (Readiness, with the database, is /api/health.) */
export function GET() {
  return NextResponse.json({ ok: true });
}
