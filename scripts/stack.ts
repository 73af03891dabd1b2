import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase } from "@/db/migrate";
import { readConfig } from "@/lib/env";
import { startNginx } from "./nginx";
import { freePort, startProcess, waitForHttp, type Service } from "./processes";
import { withSandboxDefaults } from "./sandbox-env";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type Stack = {
  appUrl: string;
  sandboxUrl: string | undefined;
  /** Process ids, for those who measure them (bench/). */
  pids: { app: number; sandbox: number | undefined };
  stop(): Promise<void>;
};

export type BalancedStack = {
  appUrl: string;
  sandboxUrl: string | undefined;
  /** How many requests each instance answered through the load balancer so far. */
  requestsByUpstream(): Record<string, number>;
  stop(): Promise<void>;
};

type StackOptions = {
  nextCommand: "dev" | "start";
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  onStop?: () => Promise<void>;
  /** Discard the children's standard output (their errors still show). */
  quiet?: boolean;
  /** Extra Node options for the Next.js process, e.g. --cpu-prof (bench/profile.ts). */
  nextNodeArgs?: string[];
};

type Backends = { env: NodeJS.ProcessEnv; appUrl: string; sandboxUrl: string | undefined; sandboxPid: number | undefined };

/**
 * Migrates the database, then starts the PortOne sandbox when the app runs in
 * sandbox mode, handing the app the sandbox's values.
 */
async function startBackends(options: StackOptions, services: Service[]): Promise<Backends> {
  await migrateDatabase(options.databaseUrl);
  const portoneEnv = withSandboxDefaults(options.env);
  const config = readConfig(portoneEnv);
  const env: NodeJS.ProcessEnv = {
    ...portoneEnv,
    DATABASE_URL: options.databaseUrl,
    APP_URL: config.appUrl,
    NEXTAUTH_URL: config.appUrl,
  };
  if (config.portone.mode !== "sandbox") return { env, appUrl: config.appUrl, sandboxUrl: undefined, sandboxPid: undefined };

  const sandboxUrl = config.portone.apiBaseUrl;
  // sandbox/main.ts derives its webhook URL from APP_URL unless PORTONE_SANDBOX_WEBHOOK_URL says otherwise.
  const sandboxArgs = ["--import", "tsx", path.join(root, "sandbox/main.ts")];
  const sandbox = startProcess("sandbox", process.execPath, sandboxArgs, env, options.quiet);
  services.push(sandbox.service);
  await waitForHttp(`${sandboxUrl}/v2/browser-sdk.js`, sandbox.child);
  return { env, appUrl: config.appUrl, sandboxUrl, sandboxPid: sandbox.child.pid };
}

// Node closes an idle keep-alive connection after 5 s; a balancer keeps its idle upstream connections
// longer (nginx and AWS ALB: 60 s) and may send a request down one just as the app closes it, which
// answers that request with a reset (a 502 for a POST, which is not retried). The app must outlast it.
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** One Next.js process on `port`, once it answers its health check. */
async function startNext(options: StackOptions, env: NodeJS.ProcessEnv, port: string, services: Service[]) {
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  const keepAlive = options.nextCommand === "start" ? ["--keepAliveTimeout", String(KEEP_ALIVE_TIMEOUT_MS)] : [];
  const nextArgs = [...(options.nextNodeArgs ?? []), nextBin, options.nextCommand, "-p", port, ...keepAlive];
  const next = startProcess("next", process.execPath, nextArgs, { ...env, PORT: port }, options.quiet);
  services.push(next.service);
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, next.child);
  return next.child;
}

function stopAll(services: Service[], onStop: (() => Promise<void>) | undefined) {
  return async () => {
    for (const service of services.reverse()) await service.stop();
    await onStop?.();
  };
}

/**
 * Migrates the database, starts the PortOne sandbox when the app runs in
 * sandbox mode, then Next.js, and waits until the app answers its health check.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const services: Service[] = [];
  const stop = stopAll(services, options.onStop);
  try {
    const backends = await startBackends(options, services);
    const port = backends.env.PORT ?? (new URL(backends.appUrl).port || "3000");
    const next = await startNext(options, backends.env, port, services);
    const { appUrl, sandboxUrl, sandboxPid } = backends;
    return { appUrl, sandboxUrl, pids: { app: next.pid!, sandbox: sandboxPid }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The production shape on one machine: one database, one sandbox, `instances`
 * Next.js processes on free ports, and nginx on the app's port balancing them
 * round-robin. Every instance sees the public origin (APP_URL), and the sandbox's
 * webhooks arrive through nginx like the browser's requests.
 */
export async function startBalancedStack(options: StackOptions & { instances: number }): Promise<BalancedStack> {
  const services: Service[] = [];
  const stop = stopAll(services, options.onStop);
  try {
    const backends = await startBackends(options, services);
    const port = Number(backends.env.PORT ?? (new URL(backends.appUrl).port || "3000"));
    const ports = new Set<number>();
    while (ports.size < options.instances) ports.add(await freePort());
    await Promise.all([...ports].map((p) => startNext(options, backends.env, String(p), services)));
    const nginx = startNginx({ port, upstreams: [...ports].map((p) => `127.0.0.1:${p}`), quiet: options.quiet });
    services.push(nginx.service);
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, nginx.child);
    const { appUrl, sandboxUrl } = backends;
    return { appUrl, sandboxUrl, requestsByUpstream: nginx.requestsByUpstream, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops the stack on Ctrl-C, on SIGTERM, and when a child dies. */
export function stopOnSignals(stack: { stop(): Promise<void> }): void {
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    void stack.stop().finally(() => process.exit(code));
  };
  process.on("SIGINT", () => shutdown(0));
  process.on("SIGTERM", () => shutdown(0));
}
