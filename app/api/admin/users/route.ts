import { NextResponse, type NextRequest } from "next/server";
import { requireOperator } from "@/lib/admin/operators";
import { searchUsers, userSearchQuery } from "@/lib/admin/users";
import { handle } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest) => {
  await requireOperator(req);
  const query = userSearchQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json({ items: await searchUsers(query) });
});
