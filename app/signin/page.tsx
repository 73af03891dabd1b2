import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { SigninForm } from "./signin-form";

export const metadata: Metadata = { title: "로그인 · AInfo 크레딧" };

// Our own words for why the person is here; the query only picks one.
const NOTICES: Record<string, string> = {
  "password-changed": "비밀번호가 바뀌었습니다. 모든 기기에서 로그아웃되었으니 새 비밀번호로 다시 로그인해 주세요.",
  "signed-out-everywhere": "모든 기기에서 로그아웃되었습니다. 다시 로그인해 주세요.",
};

export default async function SigninPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { notice } = await searchParams;
  const message = typeof notice === "string" ? NOTICES[notice] : undefined;
  return (
    <>
      <h1>로그인</h1>
      {message && (
        <p role="status" className="alert success">
          {message}
        </p>
      )}
      <Suspense>
        <SigninForm />
      </Suspense>
      <p className="muted">
        계정이 없나요? <Link href="/signup">회원가입</Link>
      </p>
    </>
  );
}
