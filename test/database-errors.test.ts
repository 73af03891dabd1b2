import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, test } from "vitest";
import { databaseUnavailableCode } from "@/db/errors";
import { toProblemResponse } from "@/lib/http/problem";

const withCode = (code: string) => Object.assign(new Error(code), { code });
const wrapped = (cause: Error) => new DrizzleQueryError("select 1", [], cause);

describe("which failures mean the database is unavailable", () => {
  const socketCodes = ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT"];
  const driverCodes = ["CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"];
  const serverCodes = ["57P01", "57P03", "53300", "57014"];
  test.each([...socketCodes, ...driverCodes, ...serverCodes])("%s, as the driver throws it and as drizzle wraps it", (code) => {
    expect(databaseUnavailableCode(withCode(code))).toBe(code);
    expect(databaseUnavailableCode(wrapped(withCode(code)))).toBe(code);
  });

  test("a query the database refused is not an outage", () => {
    expect(databaseUnavailableCode(wrapped(withCode("23505")))).toBeUndefined();
    expect(databaseUnavailableCode(new Error("boom"))).toBeUndefined();
    expect(databaseUnavailableCode(undefined)).toBeUndefined();
  });

  test("an unreachable database is a 503 SERVICE_UNAVAILABLE with Retry-After, anything else still a 500", async () => {
    const res = toProblemResponse(wrapped(withCode("ECONNREFUSED")));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(((await res.json()) as { code: string }).code).toBe("SERVICE_UNAVAILABLE");
    expect(toProblemResponse(wrapped(withCode("23505"))).status).toBe(500);
  });
});
