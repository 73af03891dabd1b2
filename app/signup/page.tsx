import type { Metadata } from "next";
import Link from "next/link";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { config } from "@/lib/env";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = {
  title: "회원가입 · AInfo 크레딧",
  description: "이메일로 AInfo에 가입하고 프리미엄 챗봇 크레딧을 구매하세요.",
};

type SearchParams = Promise<{ callbackUrl?: string | string[] }>;

export default async function SignupPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl } = await searchParams;
  // Where the visitor was going (the pack they chose), checked by the same rule as sign-in's.
  const callbackPath = sameOriginPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, config().appUrl);
  const signin = callbackPath === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(callbackPath)}`;
  return (
    <>
      <h1>회원가입</h1>
      <SignupForm callbackPath={callbackPath} />
      <p className="muted">
        이미 계정이 있나요? <Link href={signin}>로그인</Link>
      </p>
    </>
  );
}
