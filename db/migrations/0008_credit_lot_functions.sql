-- Hand-written: functions Drizzle cannot declare, and the lots of the balances that existed before lots did.

-- Draws up to p_amount credits from the user's open lots in the spending order
-- (soonest expiry, bonus before paid by the enum's order, oldest), optionally only
-- from one payment's lots or of one kind, recording each draw against the ledger
-- row p_entry; returns how many it drew. It walks the open lots in the order of
-- credit_lots_open_idx and stops at the first that covers the rest, so a spend
-- usually touches one lot; PL/pgSQL keeps its plans for the session (a SQL
-- function would be planned on every call). The caller holds the user's row
-- lock, and each statement here (VOLATILE) sees the lots as that lock left them.
CREATE FUNCTION draw_credit_lots(p_entry bigint, p_user uuid, p_amount bigint, p_payment text DEFAULT NULL, p_kind credit_lot_kind DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_lot record;
  v_take integer;
  v_drawn bigint := 0;
BEGIN
  IF p_amount <= 0 THEN RETURN 0; END IF;
  -- The common case in one statement: the first lot in the order covers it all.
  WITH first_lot AS (
    SELECT id, remaining FROM credit_lots
    WHERE user_id = p_user AND remaining > 0
      AND (p_payment IS NULL OR payment_id = p_payment)
      AND (p_kind IS NULL OR kind = p_kind)
    ORDER BY expires_at, kind, granted_at, id
    LIMIT 1
  ), drawn AS (
    UPDATE credit_lots l SET remaining = l.remaining - p_amount
    FROM first_lot f WHERE l.id = f.id AND f.remaining >= p_amount
    RETURNING l.id
  )
  INSERT INTO credit_lot_draws (ledger_entry_id, lot_id, credits) SELECT p_entry, id, p_amount FROM drawn;
  IF FOUND THEN RETURN p_amount; END IF;
  FOR v_lot IN
    SELECT id, remaining FROM credit_lots
    WHERE user_id = p_user AND remaining > 0
      AND (p_payment IS NULL OR payment_id = p_payment)
      AND (p_kind IS NULL OR kind = p_kind)
    ORDER BY expires_at, kind, granted_at, id
  LOOP
    v_take := least(v_lot.remaining, p_amount - v_drawn);
    UPDATE credit_lots SET remaining = remaining - v_take WHERE id = v_lot.id;
    INSERT INTO credit_lot_draws (ledger_entry_id, lot_id, credits) VALUES (p_entry, v_lot.id, v_take);
    v_drawn := v_drawn + v_take;
    EXIT WHEN v_drawn = p_amount;
  END LOOP;
  RETURN v_drawn;
END
$$;--> statement-breakpoint

-- A spend or a hold in one round trip: the conditional debit (which takes the
-- user's row lock, so concurrent debits of one user queue here and never
-- overdraw), its ledger row (a repeated key fails on the unique index and undoes
-- the debit), and the lots it drew. No row when the balance does not cover it.
CREATE FUNCTION debit_credits(p_user uuid, p_amount bigint, p_kind ledger_kind, p_key text, p_payment text DEFAULT NULL)
RETURNS TABLE (entry_id bigint, balance_after bigint) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_balance bigint;
  v_entry bigint;
BEGIN
  WITH debited AS (
    UPDATE users SET credit_balance = credit_balance - p_amount
    WHERE id = p_user AND credit_balance >= p_amount
    RETURNING credit_balance
  )
  INSERT INTO credit_ledger (user_id, delta, kind, idempotency_key, payment_id, balance_after)
    SELECT p_user, -p_amount, p_kind, p_key, p_payment, debited.credit_balance FROM debited
    RETURNING credit_ledger.id, credit_ledger.balance_after INTO v_entry, v_balance;
  IF NOT FOUND THEN RETURN; END IF;
  -- A new statement, so it sees the lots as the user's row lock, now held, left them.
  IF draw_credit_lots(v_entry, p_user, p_amount) <> p_amount THEN
    RAISE EXCEPTION 'the credit lots of user % do not cover a debit of %', p_user, p_amount;
  END IF;
  entry_id := v_entry;
  balance_after := v_balance;
  RETURN NEXT;
END
$$;--> statement-breakpoint

-- The balances that existed before lots: each user's credits (balance plus what
-- open holds keep aside) go to their purchases newest first, as the paid part and
-- then the bonus part of what each purchase still has after its revokes; what
-- the purchases cannot explain (operator adjustments) becomes one legacy bonus
-- lot. Expiry counts from the purchase, never sooner than 30 days from now. Open
-- holds then draw their credits, a refund's from its own payment first, and a
-- negative balance becomes the debt.
DO $$
DECLARE
  usr record;
  pay record;
  held record;
  v_left bigint;
  v_take bigint;
  v_paid bigint;
  v_drawn bigint;
BEGIN
  UPDATE users SET credit_debt = -credit_balance WHERE credit_balance < 0;
  -- kind as text: on a fresh database every migration runs in one transaction, where the
  -- enum value 'reserve' (added by 0002) is not yet committed and may not be used as a literal.
  UPDATE credit_holds ch SET reserve_entry_id = l.id
    FROM credit_ledger l
    WHERE ch.status = 'held' AND l.user_id = ch.user_id AND l.kind::text = 'reserve' AND l.idempotency_key = 'hold:' || ch.id;
  FOR usr IN
    SELECT us.id,
           greatest(us.credit_balance, 0)
             + coalesce((SELECT sum(ch.amount) FROM credit_holds ch WHERE ch.user_id = us.id AND ch.status = 'held'), 0) AS credits
    FROM users us
  LOOP
    CONTINUE WHEN usr.credits <= 0;
    v_left := usr.credits;
    FOR pay IN
      SELECT py.id, py.paid_credits, coalesce(py.paid_at, py.created_at) AS paid_at,
             py.credits + coalesce((SELECT sum(l.delta) FROM credit_ledger l WHERE l.payment_id = py.id AND l.kind = 'revoke'), 0) AS unrevoked
      FROM payments py
      WHERE py.user_id = usr.id AND py.credited_at IS NOT NULL
      ORDER BY py.credited_at DESC, py.id DESC
    LOOP
      EXIT WHEN v_left = 0;
      v_take := least(v_left, greatest(pay.unrevoked, 0));
      CONTINUE WHEN v_take = 0;
      v_paid := least(v_take, pay.paid_credits);
      INSERT INTO credit_lots (user_id, kind, source, payment_id, granted, remaining, granted_at, expires_at)
        VALUES (usr.id, 'paid', 'purchase', pay.id, v_paid, v_paid, pay.paid_at,
                greatest(pay.paid_at + interval '1825 days', now() + interval '30 days'));
      IF v_take > v_paid THEN
        INSERT INTO credit_lots (user_id, kind, source, payment_id, granted, remaining, granted_at, expires_at)
          VALUES (usr.id, 'bonus', 'purchase', pay.id, v_take - v_paid, v_take - v_paid, pay.paid_at,
                  greatest(pay.paid_at + interval '365 days', now() + interval '30 days'));
      END IF;
      v_left := v_left - v_take;
    END LOOP;
    IF v_left > 0 THEN
      INSERT INTO credit_lots (user_id, kind, source, granted, remaining, expires_at)
        VALUES (usr.id, 'bonus', 'legacy', v_left, v_left, now() + interval '365 days');
    END IF;
  END LOOP;
  FOR held IN SELECT * FROM credit_holds WHERE status = 'held' AND reserve_entry_id IS NOT NULL ORDER BY id LOOP
    v_drawn := 0;
    IF held.payment_id IS NOT NULL THEN
      v_drawn := draw_credit_lots(held.reserve_entry_id, held.user_id, held.amount, held.payment_id);
    END IF;
    PERFORM draw_credit_lots(held.reserve_entry_id, held.user_id, held.amount - v_drawn);
  END LOOP;
END
$$;
