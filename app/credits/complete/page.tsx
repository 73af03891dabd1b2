import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { CompletionLanding } from "./completion-landing";

export const metadata: Metadata = { title: "결제 결과 · AInfo 크레딧" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Where PortOne's redirect flow returns: `?paymentId=…&txId=…[&code=…&message=…]`. */
export default async function CompletePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await currentUser();
  const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (first(v) ? [[k, first(v)!]] : [])));
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/credits/complete?${query}`)}`);
  return (
    <>
      <h1>결제 결과</h1>
      <CompletionLanding
        paymentId={first(params.paymentId) ?? null}
        code={first(params.code) ?? null}
        message={first(params.message) ?? null}
        pgCode={first(params.pgCode) ?? null}
      />
    </>
  );
}
