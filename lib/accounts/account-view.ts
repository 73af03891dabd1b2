import { readSnapshot } from "@/db/client";
import { getAutoTopUp } from "@/lib/auto-topup/settings";
import { ledgerPage } from "@/lib/credits/history";
import { listOpenLots } from "@/lib/credits/lots";
import { listOwnPayments } from "@/lib/payments/queries";

/**
 * What /account shows, read in one snapshot: the balance, the payments, the
 * ledger and the lots always agree, even while a payment is being credited.
 */
export function readAccountView(userId: string) {
  return readSnapshot(async (db) => {
    // The ledger page carries the balance, read in the same snapshot.
    const [payments, ledger, lots, autoTopUp] = await Promise.all([
      listOwnPayments(userId, undefined, db),
      ledgerPage(userId, { limit: 50 }, db),
      listOpenLots(userId, db),
      getAutoTopUp(userId, db),
    ]);
    return { balance: ledger.balance, payments, ledger, lots, autoTopUp };
  });
}
