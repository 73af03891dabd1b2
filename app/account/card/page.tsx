import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { CardRegistrationLanding } from "./card-registration-landing";

export const metadata: Metadata = { title: "카드 등록 결과 · AInfo 크레딧" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Where PortOne's card registration returns when it took over the page: `?billingKey=…` or `?code=…&pgCode=…`. */
export default async function CardRegisteredPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await currentUser();
  const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (first(v) ? [[k, first(v)!]] : [])));
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/account/card?${query}`)}`);
  return (
    <>
      <h1>카드 등록 결과</h1>
      <CardRegistrationLanding
        billingKey={first(params.billingKey) ?? null}
        code={first(params.code) ?? null}
        pgCode={first(params.pgCode) ?? null}
        message={first(params.message) ?? null}
      />
    </>
  );
}
