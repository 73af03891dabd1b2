import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { firstValues, signInReturningTo, type PageSearchParams } from "@/lib/http/page-query";
import { CompletionLanding } from "./completion-landing";

export const metadata: Metadata = { title: "결제 결과 · AInfo 크레딧" };

/** Where PortOne's redirect flow returns: `?paymentId=…&txId=…[&code=…&message=…]`. */
export default async function CompletePage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const params = firstValues(await searchParams);
  const user = await currentUser();
  if (!user) redirect(signInReturningTo("/credits/complete", params));
  return (
    <>
      <h1>결제 결과</h1>
      <CompletionLanding
        paymentId={params.paymentId ?? null}
        code={params.code ?? null}
        message={params.message ?? null}
        pgCode={params.pgCode ?? null}
      />
    </>
  );
}
