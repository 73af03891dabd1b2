import { NextResponse } from "next/server";
import { databaseAnswers } from "@/lib/health";
import { Problem, problemResponse } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

export async function GET() {
  if (await databaseAnswers()) return NextResponse.json({ ok: true });
  return problemResponse(new Problem(503, "DATABASE_UNAVAILABLE", "The database does not answer"));
}
