import { sql } from "drizzle-orm";
import {
  bigint,
  jsonb,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["customer", "operator"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name"),
    passwordHash: text("password_hash").notNull(),
    creditBalance: bigint("credit_balance", { mode: "number" }).notNull().default(0),
    // Credits taken back that no lot could cover (a cancelled purchase already spent). The balance is
    // Σ open lot credits − debt, and the two are never both above zero: any new credit pays the debt first.
    creditDebt: bigint("credit_debt", { mode: "number" }).notNull().default(0),
    // Raised by sign-out everywhere and a password change: a session carrying an older version is refused.
    sessionVersion: integer("session_version").notNull().default(0),
    // Read from here on every operator request, so a revoke takes effect at once (npm run operator).
    role: userRole("role").notNull().default("customer"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    // The operator console finds accounts by email prefix (LIKE 'prefix%').
    index("users_email_prefix_idx").on(t.email.op("text_pattern_ops")),
    check("users_email_lower_case", sql`${t.email} = lower(${t.email})`),
    check("users_credit_debt_not_negative", sql`${t.creditDebt} >= 0`),
  ],
);

export const creditPacks = pgTable(
  "credit_packs",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    credits: integer("credits").notNull(),
    // What the price buys (refundable while unused) and what comes free on top (never refunded).
    paidCredits: integer("paid_credits").notNull(),
    bonusCredits: integer("bonus_credits").notNull().default(0),
    price: integer("price").notNull(),
    currency: text("currency").notNull().default("KRW"),
    active: boolean("active").notNull().default(true),
  },
  (t) => [check("credit_packs_credits_add_up", sql`${t.credits} = ${t.paidCredits} + ${t.bonusCredits} and ${t.paidCredits} > 0`)],
);

export const paymentStatus = pgEnum("payment_status", [
  "PENDING",
  "VIRTUAL_ACCOUNT_ISSUED",
  "PAID",
  "FAILED",
  "CANCELLED",
  "PARTIAL_CANCELLED",
  "AMOUNT_MISMATCH",
]);

// How the payment came about: the person at the checkout, or an auto top-up charged with their saved card.
export const paymentTrigger = pgEnum("payment_trigger", ["CHECKOUT", "AUTO_TOPUP"]);

export const payments = pgTable(
  "payments",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    packId: text("pack_id")
      .notNull()
      .references(() => creditPacks.id),
    orderName: text("order_name").notNull(),
    credits: integer("credits").notNull(),
    paidCredits: integer("paid_credits").notNull(),
    bonusCredits: integer("bonus_credits").notNull().default(0),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    status: paymentStatus("status").notNull().default("PENDING"),
    portoneTransactionId: text("portone_transaction_id"),
    cancelledAmount: integer("cancelled_amount").notNull().default(0),
    failureReason: text("failure_reason"),
    payMethod: text("pay_method").notNull().default("CARD"),
    // KAKAOPAY, NAVERPAY, TOSSPAY: as ordered, then as PortOne reports the payment.
    easyPayProvider: text("easy_pay_provider"),
    trigger: paymentTrigger("trigger").notNull().default("CHECKOUT"),
    // When the person ticked the purchase conditions and refund policy for this order (전자상거래법 13조, 17조 6항).
    termsAgreedAt: timestamp("terms_agreed_at", { withTimezone: true }),
    // An auto top-up's charge went to PortOne (null: an intent not yet sent, which turning auto top-up off withdraws).
    chargeSentAt: timestamp("charge_sent_at", { withTimezone: true }),
    // The account a virtual-account payment waits for (shown to its owner only).
    virtualAccountBank: text("virtual_account_bank"),
    virtualAccountNumber: text("virtual_account_number"),
    virtualAccountExpiresAt: timestamp("virtual_account_expires_at", { withTimezone: true }),
    receiptUrl: text("receipt_url"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    creditedAt: timestamp("credited_at", { withTimezone: true }),
    // The customer last asked for a refund: reconciliation keeps asking PortOne about it, paid or not.
    refundRequestedAt: timestamp("refund_requested_at", { withTimezone: true }),
    // An operator's cancel was sent to PortOne and its answer is not known yet: no customer refund may start meanwhile.
    operatorCancelRequestedAt: timestamp("operator_cancel_requested_at", { withTimezone: true }),
    // Reconciliation last asked PortOne about it: each run starts with the least recently checked.
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    // A complete is reading the payment from PortOne since then (null: none is); completes on any instance wait for it.
    completeReadClaimedAt: timestamp("complete_read_claimed_at", { withTimezone: true }),
    // When the latest read a complete applied began: it answers every complete that arrived before then.
    completeReadAt: timestamp("complete_read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payments_user_created_idx").on(t.userId, t.createdAt),
    index("payments_status_updated_idx").on(t.status, t.updatedAt),
    // The operator console's lists: newest first, over all payments or one status.
    index("payments_created_idx").on(t.createdAt, t.id),
    index("payments_status_created_idx").on(t.status, t.createdAt, t.id),
    index("payments_refund_requested_idx").on(t.refundRequestedAt).where(sql`${t.refundRequestedAt} is not null`),
    // Reconciliation's re-check of paid payments, least recently checked first.
    index("payments_paid_recheck_idx")
      .on(sql`coalesce(${t.lastCheckedAt}, ${t.createdAt})`)
      .where(sql`${t.status} in ('PAID', 'PARTIAL_CANCELLED')`),
    // At most one auto top-up in flight per person, whatever races: the database refuses a second.
    uniqueIndex("payments_one_auto_topup_in_flight")
      .on(t.userId)
      .where(sql`${t.trigger} = 'AUTO_TOPUP' and ${t.status} = 'PENDING'`),
    // Cooldown and monthly cap read a person's recent top-ups.
    index("payments_auto_topup_idx").on(t.userId, t.createdAt).where(sql`${t.trigger} = 'AUTO_TOPUP'`),
    check("payments_credits_add_up", sql`${t.credits} = ${t.paidCredits} + ${t.bonusCredits} and ${t.paidCredits} > 0`),
  ],
);

export const webhookEvents = pgTable(
  "webhook_events",
  {
    webhookId: text("webhook_id").primaryKey(),
    type: text("type").notNull(),
    paymentId: text("payment_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    outcome: text("outcome"),
  },
  (t) => [
    // A payment's deliveries (the console's payment page), and what is left unprocessed (the overview).
    index("webhook_events_payment_idx").on(t.paymentId, t.receivedAt),
    index("webhook_events_unprocessed_idx").on(t.receivedAt).where(sql`${t.processedAt} is null`),
  ],
);

export const ledgerKind = pgEnum("ledger_kind", [
  "purchase",
  "spend",
  "refund",
  "revoke",
  "adjust",
  // A hold on credits for work that is paid only if it succeeds, and its return when it does not.
  "reserve",
  "release",
  // A lot's credits left unused past its expiry, and a refunded payment's bonus credits.
  "expire",
  "void",
]);

export const creditLedger = pgTable(
  "credit_ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    delta: bigint("delta", { mode: "number" }).notNull(),
    kind: ledgerKind("kind").notNull(),
    paymentId: text("payment_id").references(() => payments.id),
    // Every row is keyed so a retried operation can never write a second one:
    // purchase rows by paymentId, revokes by PortOne's cancellation id, spends by the caller's key.
    idempotencyKey: text("idempotency_key").notNull(),
    balanceAfter: bigint("balance_after", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("credit_ledger_user_kind_key").on(t.userId, t.kind, t.idempotencyKey),
    uniqueIndex("credit_ledger_one_purchase_per_payment")
      .on(t.paymentId)
      .where(sql`${t.kind} = 'purchase'`),
    index("credit_ledger_user_id_idx").on(t.userId, t.id),
    // The console's overview sums the last 30 days by day.
    index("credit_ledger_created_idx").on(t.createdAt),
  ],
);

export const holdStatus = pgEnum("credit_hold_status", ["held", "captured", "released"]);

/** Credits reserved for one piece of work (a premium chat answer, a refund), keyed by the caller's idempotency key. */
export const creditHolds = pgTable(
  "credit_holds",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    idempotencyKey: text("idempotency_key").notNull(),
    amount: integer("amount").notNull(),
    // Set when the hold keeps a refund's credits from being spent while PortOne cancels the payment.
    paymentId: text("payment_id").references(() => payments.id),
    status: holdStatus("status").notNull().default("held"),
    // The `reserve` ledger row, whose lot draws a release gives back.
    reserveEntryId: bigint("reserve_entry_id", { mode: "number" }).references(() => creditLedger.id),
    // What the work produced, so a repeated request gets the same answer without paying again.
    result: text("result"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("credit_holds_user_key").on(t.userId, t.idempotencyKey),
    index("credit_holds_status_created_idx").on(t.status, t.createdAt),
    index("credit_holds_payment_idx").on(t.paymentId).where(sql`${t.paymentId} is not null`),
  ],
);

// Declared in the order spending draws them when two lots expire at the same moment: bonus first.
export const creditLotKind = pgEnum("credit_lot_kind", ["bonus", "paid"]);
export const creditLotSource = pgEnum("credit_lot_source", ["purchase", "adjust", "promotion", "legacy"]);

/**
 * One grant of credits, spent down by draws: a purchase's paid part and its
 * bonus part, an operator's gift. A projection of the ledger: every change of
 * `remaining` is a credit_lot_draws row naming the ledger row that made it.
 */
export const creditLots = pgTable(
  "credit_lots",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: creditLotKind("kind").notNull(),
    source: creditLotSource("source").notNull(),
    paymentId: text("payment_id").references(() => payments.id),
    // The ledger row that granted it; null for the lots made from balances when lots were introduced.
    grantEntryId: bigint("grant_entry_id", { mode: "number" }).references(() => creditLedger.id),
    granted: integer("granted").notNull(),
    remaining: integer("remaining").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("credit_lots_remaining_within_granted", sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.granted}`),
    // The spending order: soonest expiry, bonus before paid, oldest. No index names `remaining`,
    // so a draw (which changes only that) is a HOT update that touches no index.
    index("credit_lots_open_idx").on(t.userId, t.expiresAt, t.kind, t.grantedAt, t.id),
    index("credit_lots_payment_idx").on(t.paymentId).where(sql`${t.paymentId} is not null`),
    index("credit_lots_expiring_idx").on(t.expiresAt),
    uniqueIndex("credit_lots_one_per_purchase_part").on(t.paymentId, t.kind).where(sql`${t.source} = 'purchase'`),
  ],
);

/** How many credits one ledger row took from (positive) or gave back to (negative) one lot. */
export const creditLotDraws = pgTable(
  "credit_lot_draws",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ledgerEntryId: bigint("ledger_entry_id", { mode: "number" })
      .notNull()
      .references(() => creditLedger.id),
    lotId: bigint("lot_id", { mode: "number" })
      .notNull()
      .references(() => creditLots.id),
    credits: integer("credits").notNull(),
  },
  (t) => [
    index("credit_lot_draws_entry_idx").on(t.ledgerEntryId),
    index("credit_lot_draws_lot_idx").on(t.lotId),
    check("credit_lot_draws_not_zero", sql`${t.credits} <> 0`),
  ],
);

export const refundRule = pgEnum("refund_rule", ["WITHDRAWAL_7_DAYS", "UNUSED_PAID_CREDITS"]);
export const refundOutcome = pgEnum("refund_outcome", ["completed", "refused", "lapsed"]);

/**
 * A customer's refund as quoted and sent to PortOne. Its cancellation, once
 * PortOne reports it, takes back exactly these credits (not a proportion).
 */
export const paymentRefunds = pgTable(
  "payment_refunds",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    paymentId: text("payment_id")
      .notNull()
      .references(() => payments.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    holdId: bigint("hold_id", { mode: "number" })
      .notNull()
      .references(() => creditHolds.id),
    rule: refundRule("rule").notNull(),
    amount: integer("amount").notNull(),
    paidCredits: integer("paid_credits").notNull(),
    bonusCredits: integer("bonus_credits").notNull(),
    fee: integer("fee").notNull(),
    // PortOne's cancellation that carried it out, once seen.
    cancellationId: text("cancellation_id"),
    outcome: refundOutcome("outcome"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    index("payment_refunds_payment_idx").on(t.paymentId),
    uniqueIndex("payment_refunds_cancellation_key").on(t.cancellationId).where(sql`${t.cancellationId} is not null`),
  ],
);

/**
 * Every operator action: who, what, on which record, why, and the record
 * before and after. Append-only: a trigger (migration 0009) refuses UPDATE and
 * DELETE, whatever the code or a hand-written query tries.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // Null for actions from the command line (npm run operator); the email is kept as it was then.
    actorId: uuid("actor_id").references(() => users.id),
    actorEmail: text("actor_email").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    reason: text("reason").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_target_idx").on(t.targetType, t.targetId, t.id), index("audit_log_actor_idx").on(t.actorId, t.id)],
);

export const approvalKind = pgEnum("operator_approval_kind", ["adjustment", "refund"]);
// APPROVED: carried out (a refund: sent to PortOne; `outcome` null while PortOne's answer is awaited or was lost).
// FAILED: approved, and the action then refused (`outcome` says why); nothing changed.
export const approvalStatus = pgEnum("operator_approval_status", ["PENDING", "APPROVED", "REJECTED", "FAILED"]);

/**
 * An operator's action too large for one operator's word (ADMIN_APPROVAL_CREDITS,
 * ADMIN_APPROVAL_KRW): the request as validated, waiting for a second operator.
 * Only a PENDING row can be decided, by a conditional update, so an approval
 * carries the action out once. The checks keep the four eyes whatever the code
 * does: the approver is neither the requester nor the account the action is on.
 */
export const operatorApprovals = pgTable(
  "operator_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: approvalKind("kind").notNull(),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    requestedByEmail: text("requested_by_email").notNull(),
    // The record the action is on, as the audit log names it: a user (adjustment) or a payment (refund).
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    // The account whose credits or money the action moves.
    customerId: uuid("customer_id").references(() => users.id),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    // An adjustment's idempotency key: asking again with it finds this approval instead of making another.
    idempotencyKey: text("idempotency_key"),
    reason: text("reason").notNull(),
    status: approvalStatus("status").notNull().default("PENDING"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedByEmail: text("decided_by_email"),
    decisionReason: text("decision_reason"),
    // What the carried-out action answered, or the problem it failed with.
    outcome: jsonb("outcome").$type<Record<string, unknown>>(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    index("operator_approvals_status_idx").on(t.status, t.requestedAt),
    uniqueIndex("operator_approvals_request_key").on(t.kind, t.targetId, t.idempotencyKey),
    // Two pending refunds of one payment would both be sized against what is cancellable now.
    uniqueIndex("operator_approvals_one_pending_refund").on(t.targetId).where(sql`${t.kind} = 'refund' and ${t.status} = 'PENDING'`),
    check("operator_approvals_decided", sql`(${t.status} = 'PENDING') = (${t.decidedBy} is null)`),
    check("operator_approvals_not_own_account", sql`${t.customerId} is null or ${t.customerId} <> ${t.requestedBy}`),
    check(
      "operator_approvals_second_operator",
      sql`${t.decidedBy} is null or (${t.decidedBy} <> ${t.requestedBy} and ${t.decidedBy} is distinct from ${t.customerId})`,
    ),
  ],
);

/** Each reconciliation run (cron, command line, or an operator's "run now") and what it found. */
export const reconcileRuns = pgTable(
  "reconcile_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // `cron`, `cli`, or the operator's email.
    startedBy: text("started_by").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    checked: integer("checked").notNull().default(0),
    changed: integer("changed").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    complete: boolean("complete").notNull().default(false),
    report: jsonb("report").$type<Record<string, unknown>>(),
  },
  (t) => [index("reconcile_runs_started_idx").on(t.startedAt)],
);

/** Each run of the ledger check (npm run credits:check, or the console) and the problems it found. */
export const ledgerCheckRuns = pgTable("ledger_check_runs", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  ranAt: timestamp("ran_at", { withTimezone: true }).notNull().defaultNow(),
  problems: integer("problems").notNull(),
  detail: jsonb("detail").$type<unknown[]>().notNull().default([]),
});

/**
 * A person's auto top-up: the rule (pack, threshold in credits, monthly cap in
 * KRW), the saved card (a PortOne billing key checked with PortOne before it is
 * kept), and why it was turned off when the system turned it off.
 */
export const autoTopUpSettings = pgTable(
  "auto_topup_settings",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    enabled: boolean("enabled").notNull().default(false),
    packId: text("pack_id")
      .notNull()
      .references(() => creditPacks.id),
    threshold: integer("threshold").notNull(),
    monthlyCapKrw: integer("monthly_cap_krw").notNull(),
    billingKey: text("billing_key"),
    cardIssuer: text("card_issuer"),
    cardLast4: text("card_last4"),
    cardRegisteredAt: timestamp("card_registered_at", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("auto_topup_threshold_range", sql`${t.threshold} >= 0`),
    check("auto_topup_cap_positive", sql`${t.monthlyCapKrw} > 0`),
    check("auto_topup_enabled_needs_card", sql`not ${t.enabled} or ${t.billingKey} is not null`),
  ],
);

/**
 * Billing keys we stopped using (removed, replaced, declined) and must still
 * delete at PortOne; a row goes once PortOne confirms, and reconciliation retries the rest.
 */
export const billingKeyDeletions = pgTable("billing_key_deletions", {
  billingKey: text("billing_key").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  reason: text("reason").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A person's premium-chat conversation; its title is taken from the first question. */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversations_user_updated_idx").on(t.userId, t.updatedAt)],
);

export const chatRole = pgEnum("chat_role", ["user", "assistant"]);
// complete: the whole answer, charged; stopped: the person stopped it after text arrived, charged for
// what arrived; failed: the model failed or timed out, nothing charged.
export const chatMessageStatus = pgEnum("chat_message_status", ["complete", "stopped", "failed"]);

/**
 * The turns of a conversation. A question and its answer name the credit hold
 * that paid for them: one question and at most one answer per hold, so a
 * repeated request can neither ask twice nor be answered twice.
 */
export const chatMessages = pgTable(
  "chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    role: chatRole("role").notNull(),
    content: text("content").notNull(),
    status: chatMessageStatus("status").notNull().default("complete"),
    creditsSpent: integer("credits_spent").notNull().default(0),
    holdId: bigint("hold_id", { mode: "number" })
      .notNull()
      .references(() => creditHolds.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("chat_messages_conversation_created_idx").on(t.conversationId, t.createdAt),
    uniqueIndex("chat_messages_hold_role_key").on(t.holdId, t.role),
  ],
);

/**
 * Abuse-limit counters shared by every app instance: one fixed window per key
 * (`signin:<email>:<address>`, `orders:<userId>`, …).
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    hits: integer("hits").notNull(),
    resetsAt: timestamp("resets_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("rate_limits_resets_at_idx").on(t.resetsAt)],
);

export type User = typeof users.$inferSelect;
export type CreditPack = typeof creditPacks.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type PaymentStatus = (typeof paymentStatus.enumValues)[number];
export type LedgerEntry = typeof creditLedger.$inferSelect;
export type LedgerKind = (typeof ledgerKind.enumValues)[number];
export type CreditHold = typeof creditHolds.$inferSelect;
export type CreditLot = typeof creditLots.$inferSelect;
export type CreditLotKind = (typeof creditLotKind.enumValues)[number];
export type PaymentRefund = typeof paymentRefunds.$inferSelect;
export type UserRole = (typeof userRole.enumValues)[number];
export type AuditEntry = typeof auditLog.$inferSelect;
export type PaymentTrigger = (typeof paymentTrigger.enumValues)[number];
export type AutoTopUpSettings = typeof autoTopUpSettings.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
export type ChatMessageStatus = (typeof chatMessageStatus.enumValues)[number];
export type ReconcileRun = typeof reconcileRuns.$inferSelect;
export type OperatorApproval = typeof operatorApprovals.$inferSelect;
export type ApprovalKind = (typeof approvalKind.enumValues)[number];
export type ApprovalStatus = (typeof approvalStatus.enumValues)[number];
