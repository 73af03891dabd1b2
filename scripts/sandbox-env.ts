import type { Environment } from "@/lib/env";
import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";

/** The app runs against the sandbox when PORTONE_MODE=sandbox, or when no mode and no live API secret are set. */
export function wantsSandbox(env: Environment): boolean {
  return env.PORTONE_MODE === "sandbox" || (!env.PORTONE_MODE && !env.PORTONE_API_SECRET);
}

/**
 * The environment with the sandbox's values filled in wherever unset, so that the
 * app (which has no defaults of its own for PortOne) and the sandbox started beside
 * it agree. In live mode the environment is returned as it is.
 */
export function withSandboxDefaults<E extends Environment>(env: E): E {
  if (!wantsSandbox(env)) return env;
  const port = env.PORTONE_SANDBOX_PORT || String(SANDBOX_DEFAULTS.port);
  const apiBaseUrl = env.PORTONE_API_BASE_URL || `http://127.0.0.1:${port}`;
  return {
    ...env,
    // Explicit, since the API secret filled in below would otherwise imply live mode.
    PORTONE_MODE: "sandbox",
    PORTONE_SANDBOX_PORT: port,
    PORTONE_STORE_ID: env.PORTONE_STORE_ID || SANDBOX_DEFAULTS.storeId,
    PORTONE_CHANNEL_KEY: env.PORTONE_CHANNEL_KEY || SANDBOX_DEFAULTS.channelKey,
    PORTONE_API_SECRET: env.PORTONE_API_SECRET || SANDBOX_DEFAULTS.apiSecret,
    PORTONE_WEBHOOK_SECRET: env.PORTONE_WEBHOOK_SECRET || SANDBOX_DEFAULTS.webhookSecret,
    PORTONE_API_BASE_URL: apiBaseUrl,
    PORTONE_SDK_URL: env.PORTONE_SDK_URL || `${apiBaseUrl}/v2/browser-sdk.js`,
  };
}
