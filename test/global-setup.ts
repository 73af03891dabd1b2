import type { TestProject } from "vitest/node";
import { createScratchDatabase } from "./support/scratch-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One migrated database for the whole run: embedded PGlite, or a new database on TEST_DATABASE_URL. */
export default async function setup(project: TestProject) {
  const database = await createScratchDatabase();
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.drop();
  };
}
