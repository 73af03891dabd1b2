import NextAuth from "next-auth";
import { signInWithLimits } from "@/lib/auth/credentials-signin";
import { authOptions } from "@/lib/auth/options";
import { config } from "@/lib/env";
import { toProblemResponse } from "@/lib/http/problem";

type Context = { params: Promise<{ nextauth: string[] }> };

function auth(req: Request, context: Context) {
  return NextAuth(authOptions())(req, context);
}

async function post(req: Request, context: Context) {
  if (!new URL(req.url).pathname.endsWith("/callback/credentials")) return auth(req, context);
  try {
    return await signInWithLimits(req, config().appUrl, (limited) => auth(limited, context));
  } catch (error) {
    return toProblemResponse(error);
  }
}

export { auth as GET, post as POST };
