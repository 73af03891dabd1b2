import type { Metadata } from "next";
import Link from "next/link";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { config } from "@/lib/env";
import { SigninForm } from "./signin-form";

export const metadata: Metadata = { title: "로그인 · AInfo 크레딧" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Our own words for why the person is here; the query only picks one.
const NOTICES: Record<string, string> = {
  "password-changed": "비밀번호가 바뀌었습니다. 모든 기기에서 로그아웃되었으니 새 비밀번호로 다시 로그인해 주세요.",
  "signed-out-everywhere": "모든 기기에서 로그아웃되었습니다. 다시 로그인해 주세요.",
};

export default async function SigninPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl, notice } = await searchParams;
  const callbackPath = sameOriginPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, config().appUrl);
  const message = typeof notice === "string" ? NOTICES[notice] : undefined;
  return (
    <>
      <h1>로그인</h1>
      {message && (
        <p role="status" className="alert success">
          {message}
        </p>
      )}
      <SigninForm callbackPath={callbackPath} />
      <p className="muted">
        계정이 없나요? <Link href={callbackPath === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackPath)}`}>회원가입</Link>
      </p>
    </>
  );
}
