import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { config } from "@/lib/env";
import { log } from "@/lib/log";
import { KOREAN_MONTH_START } from "./month";

/**
 * Called after a spend: when the person's balance is now below their threshold,
 * records one auto top-up as a PENDING payment and returns its id, to be charged
 * outside the spender's request (chargeAutoTopUp). Nothing is recorded while
 * auto top-up is off or has no card, while another top-up is in flight, within
 * the cooldown after the last one, or when the pack would pass the monthly cap
 * (top-ups in flight count).
 *
 * One statement (Drizzle cannot say INSERT … SELECT … ON CONFLICT on a partial
 * index), so concurrent spends need no lock: of any number that cross the
 * threshold together, the partial unique index payments_one_auto_topup_in_flight
 * lets exactly one insert through.
 */
export async function requestAutoTopUp(userId: string): Promise<string | undefined> {
  const paymentId = `topup-${randomUUID()}`;
  const rows = await getDb().execute<{ id: string }>(sql`
    insert into payments (id, user_id, pack_id, order_name, credits, paid_credits, bonus_credits, amount, currency, pay_method, trigger)
    select ${paymentId}, s.user_id, p.id, 'AInfo ' || p.name || ' 자동 충전', p.credits, p.paid_credits, p.bonus_credits, p.price, p.currency, 'CARD', 'AUTO_TOPUP'
    from auto_topup_settings s
    join users u on u.id = s.user_id
    join credit_packs p on p.id = s.pack_id and p.active
    where s.user_id = ${userId}::uuid and s.enabled and s.billing_key is not null
      and u.credit_balance < s.threshold
      and not exists (
        select 1 from payments r
        where r.user_id = s.user_id and r.trigger = 'AUTO_TOPUP'
          and (r.status = 'PENDING' or (r.status <> 'FAILED' and r.created_at > now() - make_interval(secs => ${config().autoTopUp.cooldownSeconds})))
      )
      and p.price + (
        select coalesce(sum(r.amount), 0) from payments r
        where r.user_id = s.user_id and r.trigger = 'AUTO_TOPUP' and r.status <> 'FAILED' and r.created_at >= ${KOREAN_MONTH_START}
      ) <= s.monthly_cap_krw
    on conflict (user_id) where trigger = 'AUTO_TOPUP' and status = 'PENDING' do nothing
    returning id`);
  const recorded = rows[0]?.id;
  if (recorded) log.info({ paymentId: recorded, userId }, "auto top-up recorded");
  return recorded;
}
