import { describe, expect, it } from "vitest";
import { requestIdFrom } from "./request-id";

describe("requestIdFrom", () => {
  it("keeps a plain incoming id", () => {
    expect(requestIdFrom("req-123_abc.4:5")).toBe("req-123_abc.4:5");
  });

  it.each([null, "", "a b", "x".repeat(129), "id\nforged-log-line"])("replaces %j with a new UUID", (incoming) => {
    expect(requestIdFrom(incoming)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
