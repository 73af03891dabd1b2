import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readConfig } from "@/lib/env";
import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";
import { withSandboxDefaults } from "@/scripts/sandbox-env";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("the start-up's PortOne environment", () => {
  it("hands the app the sandbox's values when no live keys are set, so npm run dev needs no setup", () => {
    const env = withSandboxDefaults({ PORTONE_SANDBOX_PORT: "4321" });
    expect(readConfig(env).portone).toEqual({
      mode: "sandbox",
      storeId: SANDBOX_DEFAULTS.storeId,
      channelKey: SANDBOX_DEFAULTS.channelKey,
      billingChannelKey: SANDBOX_DEFAULTS.channelKey,
      apiSecret: SANDBOX_DEFAULTS.apiSecret,
      webhookSecret: SANDBOX_DEFAULTS.webhookSecret,
      apiBaseUrl: "http://127.0.0.1:4321",
      sdkUrl: "http://127.0.0.1:4321/v2/browser-sdk.js",
    });
  });

  it("keeps values set by hand in sandbox mode", () => {
    const env = withSandboxDefaults({ PORTONE_MODE: "sandbox", PORTONE_API_SECRET: "own-secret" });
    expect(readConfig(env).portone).toMatchObject({ mode: "sandbox", apiSecret: "own-secret", storeId: SANDBOX_DEFAULTS.storeId });
  });

  it("adds nothing in live mode", () => {
    const live = { PORTONE_API_SECRET: "live-secret" };
    expect(withSandboxDefaults(live)).toEqual(live);
    expect(withSandboxDefaults({ PORTONE_MODE: "live" })).toEqual({ PORTONE_MODE: "live" });
  });

  it("npm start in live mode refuses to start without the seller's identity, before anything starts", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/run-app.ts", "start"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        AUTH_SECRET: "a-secret-for-this-test",
        PORTONE_API_SECRET: "live-secret",
        PORTONE_WEBHOOK_SECRET: "whsec_eA==",
        PORTONE_STORE_ID: "store-live",
        PORTONE_CHANNEL_KEY: "channel-key-live",
        DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
      },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("BUSINESS_NAME is required when PortOne runs live");
  });

  it("npm start refuses the sandbox's public secrets unless PORTONE_MODE=sandbox says so", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/run-app.ts", "start"], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "production", AUTH_SECRET: "a-secret-for-this-test" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("PORTONE_MODE=sandbox");
    expect(run.stderr).toContain("PORTONE_API_SECRET");
  });
});
