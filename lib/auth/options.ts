import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/lib/accounts/users";
import { SIGN_IN_BUSY } from "@/lib/auth/credentials-signin";
import { PasswordHashingBusy } from "@/lib/auth/hashing-slots";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { authSecret } from "@/lib/auth/secret";
import { SESSION_MAX_AGE_SECONDS, sessionIsCurrent } from "@/lib/auth/sessions";

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          try {
            return await verifyCredentials(credentials.email, credentials.password);
          } catch (error) {
            if (error instanceof PasswordHashingBusy) throw new Error(SIGN_IN_BUSY);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // The same rule as the sign-in page's: only pages of our own origin, whatever the callbackUrl says.
      redirect({ url, baseUrl }) {
        return new URL(sameOriginPath(url, baseUrl), baseUrl).toString();
      },
      // `user` is only present at sign-in: copy the id and session version into the token then.
      // On every later read (and renewal) the version must still be the account's, or the session is over.
      async jwt({ token, user }) {
        if (user) return { ...token, uid: user.id, sv: user.sessionVersion };
        if (!(await sessionIsCurrent(token.uid, token.sv))) throw new Error("The session was ended");
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
}
