import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { SigninForm } from "./signin-form";

export const metadata: Metadata = { title: "로그인 · AInfo 크레딧" };

export default function SigninPage() {
  return (
    <>
      <h1>로그인</h1>
      <Suspense>
        <SigninForm />
      </Suspense>
      <p className="muted">
        계정이 없나요? <Link href="/signup">회원가입</Link>
      </p>
    </>
  );
}
