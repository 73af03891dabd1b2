import { NextResponse } from "next/server";
import { handle } from "@/lib/http/route";
import { listActivePacks } from "@/lib/payments/packs";

export const GET = handle(async () => NextResponse.json(await listActivePacks()));
