import { describe, expect, it } from "vitest";
import { checkoutFailureReason } from "./checkout";

describe("checkoutFailureReason", () => {
  it("says in our words what PortOne's codes mean", () => {
    expect(checkoutFailureReason("FAILURE_TYPE_PG")).toBe("카드사 또는 결제대행사에서 결제를 승인하지 않았습니다.");
    expect(checkoutFailureReason("AmountNotEqualToPredefined")).toContain("주문 금액과 달라");
  });

  it.each([null, "", "SOMETHING_NEW", "<script>alert(1)</script>", "toString", "__proto__"])(
    "has one generic sentence for %s",
    (code) => {
      expect(checkoutFailureReason(code)).toBe("결제를 완료하지 못했습니다.");
    },
  );
});
