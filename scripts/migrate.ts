import { migrateDatabase } from "@/db/migrate";
import { localDatabase } from "./local-env";

const database = await localDatabase();
try {
  await migrateDatabase(database.url);
  console.log("migrations applied");
} finally {
  await database.stop();
}
