import type { Metadata } from "next";
import Link from "next/link";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { config } from "@/lib/env";
import { SigninForm } from "./signin-form";

export const metadata: Metadata = { title: "로그인 · AInfo 크레딧" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SigninPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl } = await searchParams;
  const callbackPath = sameOriginPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, config().appUrl);
  return (
    <>
      <h1>로그인</h1>
      <SigninForm callbackPath={callbackPath} />
      <p className="muted">
        계정이 없나요? <Link href="/signup">회원가입</Link>
      </p>
    </>
  );
}
