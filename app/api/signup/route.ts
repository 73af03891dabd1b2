import { NextResponse } from "next/server";
import { createAccount, signupSchema } from "@/lib/accounts/users";
import { requestAddress } from "@/lib/http/client-address";
import { consumeRateLimit, RATE_LIMITS } from "@/lib/http/rate-limit";
import { handle, parseJsonBody } from "@/lib/http/route";

export const POST = handle(async (req) => {
  await consumeRateLimit(RATE_LIMITS.signUps, requestAddress(req));
  const input = await parseJsonBody(req, signupSchema);
  const account = await createAccount(input);
  return NextResponse.json(account, { status: 201 });
});
