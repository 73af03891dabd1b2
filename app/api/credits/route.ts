import { NextResponse, type NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { creditHistory, ledgerPageQuery } from "@/lib/credits/history";
import { handle } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  const query = ledgerPageQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await creditHistory(userId, query));
});
