import { describe, expect, it } from "vitest";
import { config } from "@/lib/env";
import { REFUNDABLE_DAYS, WITHDRAWAL_DAYS } from "@/lib/payments/refund-quote";
import type { PolicySection } from "./policy-document";
import { privacyPolicy } from "./privacy";
import { termsOfService } from "./terms";

const business = { ...config().business, name: "테스트상사", privacyOfficer: "김보호 (privacy@test.example)" };
const credits = { paidValidDays: 1825, bonusValidDays: 365, refundFeePercent: 15 };

function sectionText(sections: PolicySection[], id: string): string {
  const section = sections.find((s) => s.id === id);
  if (!section) throw new Error(`no section ${id}`);
  return JSON.stringify(section.blocks);
}

describe("the terms of service", () => {
  const terms = termsOfService({ business, credits, messageCost: 10 });

  it("name the seller and the price of a premium message", () => {
    expect(sectionText(terms, "purpose")).toContain("테스트상사");
    expect(sectionText(terms, "definitions")).toContain("10 크레딧");
  });

  it("state the refund quote's windows and the configured fee, and point to the refund policy", () => {
    const refunds = sectionText(terms, "refunds");
    expect(refunds).toContain(`결제일로부터 ${WITHDRAWAL_DAYS}일 이내`);
    expect(refunds).toContain(`결제일로부터 ${REFUNDABLE_DAYS}일까지`);
    expect(refunds).toContain("수수료 15%");
    expect(refunds).toContain('"href":"/refund-policy"');
    expect(sectionText(terms, "validity")).toContain("1,825일(5년)");
  });
});

describe("the privacy policy", () => {
  it("names the privacy officer and keeps payment records for five years", () => {
    const policy = privacyPolicy({ business, languageModelHost: undefined });
    expect(sectionText(policy, "officer")).toContain("김보호 (privacy@test.example)");
    expect(sectionText(policy, "retention")).toContain("대금결제 및 재화 등의 공급에 관한 기록: 5년");
  });

  it("lists the language model provider as a processor only when one is configured", () => {
    expect(sectionText(privacyPolicy({ business, languageModelHost: undefined }), "processors")).not.toContain("언어 모델");
    expect(sectionText(privacyPolicy({ business, languageModelHost: "api.openai.com" }), "processors")).toContain(
      "언어 모델 제공자(api.openai.com)",
    );
  });
});
