import { NextResponse, type NextRequest } from "next/server";
import { auditPageQuery, listAudit } from "@/lib/admin/audit";
import { requireOperator } from "@/lib/admin/operators";
import { handle } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest) => {
  await requireOperator(req);
  const query = auditPageQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json(await listAudit(query));
});
