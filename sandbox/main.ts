import { SANDBOX_DEFAULTS } from "./defaults";
import { startSandbox } from "./server";

const env = process.env;
const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/$/, "");
const retryDelaysMs = env.PORTONE_SANDBOX_RETRY_DELAYS_MS?.split(",").map((d) => {
  const ms = Number(d.trim());
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`PORTONE_SANDBOX_RETRY_DELAYS_MS: "${d}" is not a delay in ms`);
  return ms;
});

const sandbox = await startSandbox({
  port: Number(env.PORTONE_SANDBOX_PORT ?? SANDBOX_DEFAULTS.port),
  apiSecret: env.PORTONE_API_SECRET || SANDBOX_DEFAULTS.apiSecret,
  webhookSecret: env.PORTONE_WEBHOOK_SECRET || SANDBOX_DEFAULTS.webhookSecret,
  storeId: env.PORTONE_STORE_ID || SANDBOX_DEFAULTS.storeId,
  webhookUrl: env.PORTONE_SANDBOX_WEBHOOK_URL || `${appUrl}/api/webhooks/portone`,
  retryDelaysMs,
  log: (event) => console.log(JSON.stringify({ service: "portone-sandbox", time: new Date().toISOString(), ...event })),
});
console.log(`PortOne sandbox listening on ${sandbox.url}`);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
