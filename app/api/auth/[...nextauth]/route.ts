import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

async function auth(req: Request, context: Context) {
  return NextAuth(authOptions())(req, context);
}

export { auth as GET, auth as POST };
