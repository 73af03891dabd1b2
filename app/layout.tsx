import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/env";
import { SessionRenewal } from "@/app/components/session-renewal";
import { SignOutButton } from "@/app/components/sign-out-button";
import { SiteFooter } from "@/app/components/site-footer";
import "./globals.css";

// Every page depends on who is signed in.
export const dynamic = "force-dynamic";

export function generateMetadata(): Metadata {
  return {
    // Absolute URLs for Open Graph and the sitemap come from the app's public origin.
    metadataBase: new URL(config().appUrl),
    title: "AInfo 크레딧",
    description: "AInfo 프리미엄 챗봇 크레딧 구매와 사용",
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="ko">
      <body>
        <header className="site">
          <Link href="/" className="brand">
            AInfo 크레딧
          </Link>
          <nav aria-label="주 메뉴">
            <Link href="/credits">크레딧 구매</Link>
            <Link href="/chat">프리미엄 채팅</Link>
            {user ? (
              <>
                <Link href="/account">내 계정</Link>
                <SignOutButton />
              </>
            ) : (
              <>
                <Link href="/signin">로그인</Link>
                <Link href="/signup">회원가입</Link>
              </>
            )}
          </nav>
        </header>
        <main>{children}</main>
        <SiteFooter />
        {user && <SessionRenewal />}
      </body>
    </html>
  );
}
