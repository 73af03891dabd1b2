import type { Metadata } from "next";
import { PolicyDocument } from "@/app/components/policy-document";
import { POLICY_EFFECTIVE_DATE } from "@/lib/storefront/policy-document";
import { currentTerms } from "@/lib/storefront/terms";

export const metadata: Metadata = {
  title: "이용약관 · AInfo 크레딧",
  description: "AInfo 챗봇과 크레딧의 이용 조건: 크레딧 구매와 결제, 자동 충전, 유효기간, 청약철회와 환불, 회원과 회사의 의무",
};

export default function TermsPage() {
  return <PolicyDocument title="이용약관" effectiveDate={POLICY_EFFECTIVE_DATE} sections={currentTerms()} />;
}
