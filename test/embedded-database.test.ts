import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/db/embedded";
import { isEmbeddedUrl } from "@/db/embedded-url";
import { freePort } from "@/scripts/processes";

// The embedded server is one PGlite session shared by many connections; these are the ways that breaks.
let server: EmbeddedPostgres;
beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir: "memory://", port: await freePort() });
});
afterAll(() => server.stop());

const client = () => postgres(server.url, { max: 8, prepare: false, onnotice: () => {} });

describe("the embedded PostgreSQL server", () => {
  it("names itself in its URL, so clients use unnamed statements", () => {
    expect(isEmbeddedUrl(server.url)).toBe(true);
    expect(isEmbeddedUrl("postgres://postgres@127.0.0.1:5432/postgres")).toBe(false);
  });

  it("keeps each connection's extended-protocol batches whole under concurrency from two pools", async () => {
    const [a, b] = [client(), client()];
    try {
      const ask = (sql: postgres.Sql, n: number) => sql<{ n: number; s: string }[]>`select ${n}::int as n, ${`v${n}`}::text as s`;
      const answers = await Promise.all(Array.from({ length: 400 }, (_, n) => ask(n % 2 ? a : b, n)));
      answers.forEach(([row], n) => expect(row).toEqual({ n, s: `v${n}` }));
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it("isolates an open transaction from the other connections, and rolls back what a closed connection left", async () => {
    const [a, b] = [client(), client()];
    try {
      await a`create table if not exists isolation_probe (id int primary key)`;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const inside = a.begin(async (tx) => {
        await tx`insert into isolation_probe values (1)`;
        await held;
        throw new Error("roll back");
      });
      // B's query waits for A's transaction to end instead of running inside it.
      const seen = b`select count(*)::int as c from isolation_probe`;
      await new Promise((r) => setTimeout(r, 100));
      release();
      await expect(inside).rejects.toThrow("roll back");
      expect((await seen)[0]!.c).toBe(0);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});
