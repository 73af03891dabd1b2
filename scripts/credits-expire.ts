import { closeDb } from "@/db/client";
import { expireCreditLots } from "@/lib/credits/expiry";
import { localDatabase } from "./local-env";

const database = await localDatabase();
process.env.DATABASE_URL = database.url;
try {
  const { lots, credits } = await expireCreditLots();
  console.log(`credits:expire: ${lots} lot(s) expired, ${credits} credit(s) taken off balances`);
} finally {
  await closeDb();
  await database.stop();
}
