import { NextResponse, type NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { ledgerPage, ledgerPageQuery } from "@/lib/credits/history";
import { listOpenLots } from "@/lib/credits/lots";
import { handle } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  const query = ledgerPageQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const [page, lots] = await Promise.all([ledgerPage(userId, query), listOpenLots(userId)]);
  return NextResponse.json({ ...page, lots });
});
