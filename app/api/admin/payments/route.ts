import { NextResponse, type NextRequest } from "next/server";
import { requireOperator } from "@/lib/admin/operators";
import { paymentSearchQuery, queryFields, searchPayments } from "@/lib/admin/payments";
import { handle } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest) => {
  await requireOperator(req);
  const query = paymentSearchQuery.parse(queryFields(req.nextUrl.searchParams));
  return NextResponse.json(await searchPayments(query));
});
