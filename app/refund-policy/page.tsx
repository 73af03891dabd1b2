import type { Metadata } from "next";
import { PolicyDocument } from "@/app/components/policy-document";
import { POLICY_EFFECTIVE_DATE } from "@/lib/storefront/policy-document";
import { loadRefundPolicy } from "@/lib/storefront/refund-policy";

export const metadata: Metadata = {
  title: "환불 정책 · AInfo 크레딧",
  description: "크레딧의 청약철회와 환불: 기간, 수수료, 보너스 크레딧, 유효기간, 환불 방법과 처리 기간, 계산 예시",
};

export default async function RefundPolicyPage() {
  const policy = await loadRefundPolicy();
  return <PolicyDocument title="환불 정책" effectiveDate={POLICY_EFFECTIVE_DATE} sections={policy.sections} />;
}
