import type { Metadata } from "next";
import Link from "next/link";
import { getBalance } from "@/lib/accounts/users";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/env";
import { formatCredits, formatKrw } from "@/lib/format";
import { listActivePacks } from "@/lib/payments/packs";
import { REFUNDABLE_DAYS, WITHDRAWAL_DAYS } from "@/lib/payments/refund-quote";
import { PurchasePanel } from "./purchase-panel";

export const metadata: Metadata = { title: "크레딧 구매 · AInfo 크레딧" };

type SearchParams = Promise<{ pack?: string | string[] }>;

export default async function CreditsPage({ searchParams }: { searchParams: SearchParams }) {
  const [user, packs, { pack }] = await Promise.all([currentUser(), listActivePacks(), searchParams]);
  const chosen = packs.find((p) => p.id === pack)?.id ?? null;
  const purchasePath = chosen ? `/credits?pack=${chosen}` : "/credits";
  const { credits } = config();
  return (
    <>
      <h1>크레딧 구매</h1>
      <p className="muted">프리미엄 채팅 메시지 하나에 10 크레딧이 사용됩니다. 결제는 PortOne으로 안전하게 처리됩니다.</p>
      {user ? (
        <PurchasePanel
          packs={packs}
          balance={await getBalance(user.id)}
          sdkUrl={config().portone.sdkUrl}
          chosenPackId={chosen}
          terms={{
            withdrawalDays: WITHDRAWAL_DAYS,
            refundableDays: REFUNDABLE_DAYS,
            feePercent: credits.refundFeePercent,
            paidValidDays: credits.paidValidDays,
            bonusValidDays: credits.bonusValidDays,
          }}
        />
      ) : (
        <>
          <ul>
            {packs.map((p) => (
              <li key={p.id}>
                {p.name}: {formatKrw(p.amount)}
                {p.bonusCredits > 0 && ` (유료 ${formatCredits(p.paidCredits)} + 보너스 ${formatCredits(p.bonusCredits)})`}
              </li>
            ))}
          </ul>
          <p>
            <Link className="button" href={`/signin?callbackUrl=${encodeURIComponent(purchasePath)}`}>
              로그인하고 구매하기
            </Link>
          </p>
        </>
      )}
    </>
  );
}
