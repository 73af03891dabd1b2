import type { Metadata } from "next";
import { PolicyDocument } from "@/app/components/policy-document";
import { POLICY_EFFECTIVE_DATE } from "@/lib/storefront/policy-document";
import { currentPrivacyPolicy } from "@/lib/storefront/privacy";

export const metadata: Metadata = {
  title: "개인정보처리방침 · AInfo 크레딧",
  description: "AInfo가 수집하는 개인정보와 그 목적, 보유 기간, 처리 위탁, 정보주체의 권리와 개인정보 보호책임자",
};

export default function PrivacyPage() {
  return <PolicyDocument title="개인정보처리방침" effectiveDate={POLICY_EFFECTIVE_DATE} sections={currentPrivacyPolicy()} />;
}
