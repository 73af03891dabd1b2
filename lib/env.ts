import { z } from "zod";

const optional = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const envSchema = z.object({
  PORT: z.coerce.number().int().positive().default(3000),
  APP_URL: optional.pipe(z.url().optional()),
  PORTONE_MODE: z.enum(["sandbox", "live"]).optional(),
  PORTONE_STORE_ID: optional,
  PORTONE_CHANNEL_KEY: optional,
  PORTONE_BILLING_CHANNEL_KEY: optional,
  PORTONE_API_SECRET: optional,
  PORTONE_WEBHOOK_SECRET: optional,
  PORTONE_API_BASE_URL: optional.pipe(z.url().optional()),
  PORTONE_SDK_URL: optional.pipe(z.url().optional()),
  CRON_SECRET: optional,
  CHAT_API_URL: optional.pipe(z.url().optional()),
  CHAT_API_KEY: optional,
  CHAT_MODEL: optional,
  CHAT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  CHAT_MAX_TOKENS: z.coerce.number().int().positive().default(1_024),
  CHAT_CONTEXT_TOKENS: z.coerce.number().int().min(0).default(4_000),
  CHAT_OFFLINE_PIECE_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(30),
  RECONCILE_MIN_AGE_SECONDS: z.coerce.number().int().min(0).default(300),
  RECONCILE_MAX_AGE_HOURS: z.coerce.number().positive().default(168),
  RECONCILE_BATCH_SIZE: z.coerce.number().int().positive().max(1000).default(100),
  RECONCILE_MAX_BATCHES: z.coerce.number().int().positive().default(50),
  RECONCILE_PAID_RECHECKS: z.coerce.number().int().min(0).default(1000),
  RATE_LIMIT_SCALE: z.coerce.number().min(0).default(1),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  CREDIT_PAID_VALID_DAYS: z.coerce.number().int().positive().default(1825),
  CREDIT_BONUS_VALID_DAYS: z.coerce.number().int().positive().default(365),
  REFUND_FEE_PERCENT: z.coerce.number().int().min(0).max(100).default(10),
  AUTO_TOPUP_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(600),
  ADMIN_APPROVAL_CREDITS: z.coerce.number().int().min(0).default(10_000),
  ADMIN_APPROVAL_KRW: z.coerce.number().int().min(0).default(100_000),
  BUSINESS_NAME: optional,
  BUSINESS_OWNER: optional,
  BUSINESS_REGISTRATION_NUMBER: optional,
  BUSINESS_MAIL_ORDER_NUMBER: optional,
  BUSINESS_ADDRESS: optional,
  BUSINESS_PHONE: optional,
  BUSINESS_EMAIL: optional,
  BUSINESS_PRIVACY_OFFICER: optional,
});

/**
 * The seller's identity every page shows (전자상거래법 10조, and what a PG's card
 * review looks for): 상호, 대표자, 사업자등록번호, 통신판매업 신고번호, 주소, 전화, 이메일,
 * 개인정보 보호책임자. `sample` is true when sandbox mode filled in sample values.
 */
export type BusinessIdentity = {
  name: string;
  owner: string;
  registrationNumber: string;
  mailOrderNumber: string;
  address: string;
  phone: string;
  email: string;
  privacyOfficer: string;
  sample: boolean;
};

const BUSINESS_FIELDS = {
  name: "BUSINESS_NAME",
  owner: "BUSINESS_OWNER",
  registrationNumber: "BUSINESS_REGISTRATION_NUMBER",
  mailOrderNumber: "BUSINESS_MAIL_ORDER_NUMBER",
  address: "BUSINESS_ADDRESS",
  phone: "BUSINESS_PHONE",
  email: "BUSINESS_EMAIL",
  privacyOfficer: "BUSINESS_PRIVACY_OFFICER",
} as const;

// Shown in sandbox mode only, and marked as samples there: they identify no one.
const SAMPLE_BUSINESS: Omit<BusinessIdentity, "sample"> = {
  name: "에이아이인포 주식회사",
  owner: "홍길동",
  registrationNumber: "000-00-00000",
  mailOrderNumber: "제0000-서울강남-00000호",
  address: "서울특별시 강남구 테헤란로 000, 0층",
  phone: "02-000-0000",
  email: "help@ainfo.example",
  privacyOfficer: "홍길동 (privacy@ainfo.example)",
};

/** process.env, or any other set of variables (tests). */
export type Environment = Record<string, string | undefined>;

export type PortOneConfig = {
  mode: "sandbox" | "live";
  storeId: string;
  channelKey: string;
  /** The channel cards are saved on for auto top-up (a PG's recurring-payment contract is often a channel of its own). */
  billingChannelKey: string;
  apiSecret: string;
  webhookSecret: string;
  apiBaseUrl: string;
  /** Unset in live mode unless PORTONE_SDK_URL says otherwise: the browser SDK then loads PortOne's own script. */
  sdkUrl: string | undefined;
};

export type ChatConfig = {
  /** Set when CHAT_API_URL, CHAT_API_KEY and CHAT_MODEL all are; otherwise the offline responder answers. */
  endpoint: { baseURL: string; apiKey: string; model: string } | undefined;
  /** The longest silence before an answer's first piece or between two pieces. */
  timeoutMs: number;
  /** The longest answer the model is asked for (max_tokens); the offline responder keeps to it too. */
  maxTokens: number;
  /** How much of a conversation's history the model is given with each question, in (estimated) tokens. */
  contextTokens: number;
  /** The offline responder's pause between words, so its answers stream visibly. */
  offlinePieceDelayMs: number;
};

export type AppConfig = {
  appUrl: string;
  portone: PortOneConfig;
  chat: ChatConfig;
  reconcile: { minAgeMs: number; maxAgeMs: number; batchSize: number; maxBatches: number; paidRechecks: number };
  cronSecret: string | undefined;
  /** Multiplies every abuse limit; 0 turns them off. */
  rateLimitScale: number;
  /** Proxies in front of the app that append to X-Forwarded-For (see lib/http/client-address.ts). */
  trustProxyHops: number;
  /** How long lots stay spendable, and the fee on refunds after the withdrawal period. */
  credits: { paidValidDays: number; bonusValidDays: number; refundFeePercent: number };
  business: BusinessIdentity;
  /** The least time between two auto top-ups of one person. */
  autoTopUp: { cooldownSeconds: number };
  /** Above these an operator's adjustment (credits, either way) or refund (KRW) waits for a second operator. */
  adminApproval: { credits: number; krw: number };
};

/**
 * Reads the app's configuration from the environment. Sandbox mode is on exactly
 * when no live API secret is set or PORTONE_MODE=sandbox. Either way every PortOne
 * value comes from the environment: the product knows nothing of the sandbox's
 * defaults, which the start-up (scripts/sandbox-env.ts) fills in. Only live mode
 * has defaults of its own, PortOne's public API and SDK.
 */
export function readConfig(env: Environment = process.env): AppConfig {
  const e = envSchema.parse(env);
  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  const mode = e.PORTONE_MODE ?? (e.PORTONE_API_SECRET ? "live" : "sandbox");
  const live = mode === "live";
  const required = (name: string, value: string | undefined) => {
    if (value) return value;
    throw new Error(
      live
        ? `${name} is required when PortOne runs live`
        : `${name} is required in sandbox mode: start the app with npm run dev or npm start, which set the sandbox's values`,
    );
  };
  return {
    appUrl,
    cronSecret: e.CRON_SECRET,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    credits: {
      paidValidDays: e.CREDIT_PAID_VALID_DAYS,
      bonusValidDays: e.CREDIT_BONUS_VALID_DAYS,
      refundFeePercent: e.REFUND_FEE_PERCENT,
    },
    autoTopUp: { cooldownSeconds: e.AUTO_TOPUP_COOLDOWN_SECONDS },
    adminApproval: { credits: e.ADMIN_APPROVAL_CREDITS, krw: e.ADMIN_APPROVAL_KRW },
    reconcile: {
      minAgeMs: e.RECONCILE_MIN_AGE_SECONDS * 1000,
      maxAgeMs: e.RECONCILE_MAX_AGE_HOURS * 3_600_000,
      batchSize: e.RECONCILE_BATCH_SIZE,
      maxBatches: e.RECONCILE_MAX_BATCHES,
      paidRechecks: e.RECONCILE_PAID_RECHECKS,
    },
    chat: {
      endpoint:
        e.CHAT_API_URL && e.CHAT_API_KEY && e.CHAT_MODEL
          ? { baseURL: e.CHAT_API_URL, apiKey: e.CHAT_API_KEY, model: e.CHAT_MODEL }
          : undefined,
      timeoutMs: e.CHAT_TIMEOUT_MS,
      maxTokens: e.CHAT_MAX_TOKENS,
      contextTokens: e.CHAT_CONTEXT_TOKENS,
      offlinePieceDelayMs: e.CHAT_OFFLINE_PIECE_DELAY_MS,
    },
    portone: {
      mode,
      storeId: required("PORTONE_STORE_ID", e.PORTONE_STORE_ID),
      channelKey: required("PORTONE_CHANNEL_KEY", e.PORTONE_CHANNEL_KEY),
      billingChannelKey: e.PORTONE_BILLING_CHANNEL_KEY ?? required("PORTONE_CHANNEL_KEY", e.PORTONE_CHANNEL_KEY),
      apiSecret: required("PORTONE_API_SECRET", e.PORTONE_API_SECRET),
      webhookSecret: required("PORTONE_WEBHOOK_SECRET", e.PORTONE_WEBHOOK_SECRET),
      apiBaseUrl: live ? (e.PORTONE_API_BASE_URL ?? "https://api.portone.io") : required("PORTONE_API_BASE_URL", e.PORTONE_API_BASE_URL),
      sdkUrl: live ? e.PORTONE_SDK_URL : required("PORTONE_SDK_URL", e.PORTONE_SDK_URL),
    },
    business: readBusiness(e, live, required),
  };
}

/** Live mode requires every BUSINESS_* value; sandbox mode with any unset shows the samples whole, never a mix. */
function readBusiness(
  e: z.infer<typeof envSchema>,
  live: boolean,
  required: (name: string, value: string | undefined) => string,
): BusinessIdentity {
  const values = Object.entries(BUSINESS_FIELDS).map(([field, name]) => [field, live ? required(name, e[name]) : e[name]] as const);
  if (values.some(([, value]) => value === undefined)) return { ...SAMPLE_BUSINESS, sample: true };
  return { ...(Object.fromEntries(values) as Omit<BusinessIdentity, "sample">), sample: false };
}

let cached: AppConfig | undefined;

export function config(): AppConfig {
  cached ??= readConfig();
  return cached;
}
