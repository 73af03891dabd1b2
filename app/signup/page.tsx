import type { Metadata } from "next";
import Link from "next/link";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "회원가입 · AInfo 크레딧" };

export default function SignupPage() {
  return (
    <>
      <h1>회원가입</h1>
      <SignupForm />
      <p className="muted">
        이미 계정이 있나요? <Link href="/signin">로그인</Link>
      </p>
    </>
  );
}
