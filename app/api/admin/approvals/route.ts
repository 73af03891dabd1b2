import { NextResponse, type NextRequest } from "next/server";
import { approvalListQuery, listApprovals } from "@/lib/admin/approvals";
import { requireOperator } from "@/lib/admin/operators";
import { handle } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest) => {
  await requireOperator(req);
  const query = approvalListQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json(await listApprovals(query));
});
