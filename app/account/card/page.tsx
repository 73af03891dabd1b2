import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { firstValues, signInReturningTo, type PageSearchParams } from "@/lib/http/page-query";
import { CardRegistrationLanding } from "./card-registration-landing";

export const metadata: Metadata = { title: "카드 등록 결과 · AInfo 크레딧" };

/** Where PortOne's card registration returns when it took over the page: `?billingKey=…` or `?code=…&pgCode=…`. */
export default async function CardRegisteredPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const params = firstValues(await searchParams);
  const user = await currentUser();
  if (!user) redirect(signInReturningTo("/account/card", params));
  return (
    <>
      <h1>카드 등록 결과</h1>
      <CardRegistrationLanding
        billingKey={params.billingKey ?? null}
        code={params.code ?? null}
        pgCode={params.pgCode ?? null}
        message={params.message ?? null}
      />
    </>
  );
}
