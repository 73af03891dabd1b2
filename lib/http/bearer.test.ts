import { describe, expect, it } from "vitest";
import { bearerMatches } from "./bearer";

describe("bearerMatches", () => {
  const secret = "s3cret-value";

  it("accepts exactly `Bearer <secret>`", () => {
    expect(bearerMatches(`Bearer ${secret}`, secret)).toBe(true);
  });

  it.each([
    ["no header", null],
    ["the bare secret", secret],
    ["another scheme's case", `bearer ${secret}`],
    ["two spaces", `Bearer  ${secret}`],
    ["a trailing space", `Bearer ${secret} `],
    ["a prefix of the secret", `Bearer ${secret.slice(0, -1)}`],
    ["the secret and more", `Bearer ${secret}x`],
    ["Bearer alone", "Bearer "],
  ])("refuses %s", (_, header) => {
    expect(bearerMatches(header, secret)).toBe(false);
  });
});
