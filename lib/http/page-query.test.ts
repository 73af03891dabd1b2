import { describe, expect, it } from "vitest";
import { firstValues, signInReturningTo } from "./page-query";

describe("a landing page's query", () => {
  it("keeps each parameter's first value and drops empty ones", () => {
    expect(firstValues({ paymentId: ["pay-1", "pay-2"], code: "", txId: "tx-1", message: undefined })).toEqual({ paymentId: "pay-1", txId: "tx-1" });
  });

  it("comes back through sign-in whole, encoded once", () => {
    const url = signInReturningTo("/account/card", { billingKey: "billing-key-1", code: undefined, message: "a&b=c" });
    expect(url).toBe(`/signin?callbackUrl=${encodeURIComponent("/account/card?billingKey=billing-key-1&message=a%26b%3Dc")}`);
    expect(new URL(url, "http://app.test").searchParams.get("callbackUrl")).toBe("/account/card?billingKey=billing-key-1&message=a%26b%3Dc");
  });
});
