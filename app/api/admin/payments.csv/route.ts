import type { NextRequest } from "next/server";
import { requireOperator } from "@/lib/admin/operators";
import { queryFields } from "@/lib/admin/payments";
import { paymentsCsv, paymentsCsvQuery } from "@/lib/admin/payments-csv";
import { handle } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest) => {
  await requireOperator(req);
  const query = paymentsCsvQuery.parse(queryFields(req.nextUrl.searchParams));
  return new Response(await paymentsCsv(query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="payments-${query.from}-${query.to}.csv"`,
      "cache-control": "no-store",
    },
  });
});
