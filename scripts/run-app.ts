import { devAuthSecret, localDatabase } from "./local-env";
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
