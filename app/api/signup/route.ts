import { NextResponse } from "next/server";
import { createAccount, signupSchema } from "@/lib/accounts/users";
import { handle, parseJsonBody } from "@/lib/http/route";

export const POST = handle(async (req) => {
  const input = await parseJsonBody(req, signupSchema);
  const account = await createAccount(input);
  return NextResponse.json(account, { status: 201 });
});
