import { closeDb } from "@/db/client";
import { setRole } from "@/lib/admin/operators";
import { localDatabase } from "./local-env";

// npm run operator -- grant|revoke <email>
const [command, email] = process.argv.slice(2);
if ((command !== "grant" && command !== "revoke") || !email) {
  console.error("usage: npm run operator -- grant|revoke <email>");
  process.exit(2);
}

const database = await localDatabase();
process.env.DATABASE_URL = database.url;
try {
  const role = command === "grant" ? "operator" : "customer";
  const user = await setRole(email, role, { actor: { id: null, email: "cli" }, reason: `npm run operator -- ${command}` });
  if (!user) {
    console.error(`operator: there is no account with the email ${email}`);
    process.exitCode = 1;
  } else {
    console.log(`operator: ${user.email} is ${role === "operator" ? "now an operator" : "no longer an operator"} (was ${user.before})`);
  }
} finally {
  await closeDb();
  await database.stop();
}
