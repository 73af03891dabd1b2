-- Hand-written: draw_credit_lots again, same order and same result, in PL/pgSQL.
-- 0008's SQL-language function was planned anew on every call (a SQL function's
-- plan lives only as long as the calling statement), and its window sum read
-- and sorted every open lot of the user. This one keeps its plans for the
-- session, walks the open lots in the index's order (credit_lots_open_idx) and
-- stops at the first lot that covers the rest: a spend usually touches one lot.
-- It is VOLATILE, so each statement still sees the lots as the user's row lock
-- left them.
CREATE OR REPLACE FUNCTION draw_credit_lots(p_entry bigint, p_user uuid, p_amount bigint, p_payment text DEFAULT NULL, p_kind credit_lot_kind DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_lot record;
  v_take integer;
  v_drawn bigint := 0;
BEGIN
  IF p_amount <= 0 THEN RETURN 0; END IF;
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
$$;
