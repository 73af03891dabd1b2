import { readConfig } from "@/lib/env";
import { devAuthSecret, localDatabase } from "./local-env";
import { withSandboxDefaults } from "./sandbox-env";
import { startStack, stopOnSignals } from "./stack";

const command = process.argv[2];
if (command !== "dev" && command !== "start") {
  console.error("usage: run-app.ts dev|start");
  process.exit(2);
}

const env: NodeJS.ProcessEnv = { ...process.env };
if (!env.AUTH_SECRET && !env.NEXTAUTH_SECRET) {
  if (command === "start") {
    console.error("AUTH_SECRET is required in production: set it to a long random string (openssl rand -base64 32).");
    process.exit(1);
  }
  env.AUTH_SECRET = devAuthSecret();
}

// The sandbox's secrets are public: a production start must ask for them by name.
if (command === "start" && !env.PORTONE_API_SECRET && !env.PORTONE_MODE) {
  console.error(
    "PortOne is not configured. To take real payments set PORTONE_API_SECRET, PORTONE_WEBHOOK_SECRET, PORTONE_STORE_ID " +
      "and PORTONE_CHANNEL_KEY; to run against the local PortOne sandbox, whose secrets are public, set PORTONE_MODE=sandbox.",
  );
  process.exit(1);
}

// Everything live mode requires (PortOne's keys, the seller's identity) is checked before anything starts.
try {
  readConfig(withSandboxDefaults(env));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const database = await localDatabase();
const stack = await startStack({ nextCommand: command, databaseUrl: database.url, env, onStop: database.stop }).catch(
  async (error: unknown) => {
    console.error(error);
    await database.stop();
    process.exit(1);
  },
);
stopOnSignals(stack);
console.log(`AInfo Credits is ready at ${stack.appUrl}${stack.sandboxUrl ? ` (PortOne sandbox at ${stack.sandboxUrl})` : ""}`);
