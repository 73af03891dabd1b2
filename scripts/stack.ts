import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase } from "@/db/migrate";
import { readConfig } from "@/lib/env";
import { startProcess, waitForHttp, type Service } from "./processes";
import { withSandboxDefaults } from "./sandbox-env";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type Stack = {
  appUrl: string;
  sandboxUrl: string | undefined;
  /** Process ids, for those who measure them (bench/). */
  pids: { app: number; sandbox: number | undefined };
  stop(): Promise<void>;
};

/**
 * Migrates the database, starts the PortOne sandbox when the app runs in
 * sandbox mode (handing the app the sandbox's values), then Next.js, and waits
 * until the app answers its health check.
 */
export async function startStack(options: {
  nextCommand: "dev" | "start";
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  onStop?: () => Promise<void>;
  /** Discard the children's standard output (their errors still show). */
  quiet?: boolean;
  /** Extra Node options for the Next.js process, e.g. --cpu-prof (bench/profile.ts). */
  nextNodeArgs?: string[];
}): Promise<Stack> {
  const services: Service[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
    await options.onStop?.();
  };
  try {
    await migrateDatabase(options.databaseUrl);
    const portoneEnv = withSandboxDefaults(options.env);
    const config = readConfig(portoneEnv);
    const env: NodeJS.ProcessEnv = {
      ...portoneEnv,
      DATABASE_URL: options.databaseUrl,
      APP_URL: config.appUrl,
      NEXTAUTH_URL: config.appUrl,
    };

    let sandboxUrl: string | undefined;
    let sandboxPid: number | undefined;
    if (config.portone.mode === "sandbox") {
      sandboxUrl = config.portone.apiBaseUrl;
      // sandbox/main.ts derives its webhook URL from APP_URL unless PORTONE_SANDBOX_WEBHOOK_URL says otherwise.
      const sandboxArgs = ["--import", "tsx", path.join(root, "sandbox/main.ts")];
      const sandbox = startProcess("sandbox", process.execPath, sandboxArgs, env, options.quiet);
      services.push(sandbox.service);
      sandboxPid = sandbox.child.pid;
      await waitForHttp(`${sandboxUrl}/v2/browser-sdk.js`, sandbox.child);
    }

    const port = new URL(config.appUrl).port || "3000";
    const nextBin = path.join(root, "node_modules/next/dist/bin/next");
    const nextArgs = [...(options.nextNodeArgs ?? []), nextBin, options.nextCommand, "-p", env.PORT ?? port];
    const next = startProcess("next", process.execPath, nextArgs, env, options.quiet);
    services.push(next.service);
    await waitForHttp(`http://127.0.0.1:${env.PORT ?? port}/api/health`, next.child);
    return { appUrl: config.appUrl, sandboxUrl, pids: { app: next.child.pid!, sandbox: sandboxPid }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops the stack on Ctrl-C, on SIGTERM, and when a child dies. */
export function stopOnSignals(stack: Stack): void {
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    void stack.stop().finally(() => process.exit(code));
  };
  process.on("SIGINT", () => shutdown(0));
  process.on("SIGTERM", () => shutdown(0));
}
