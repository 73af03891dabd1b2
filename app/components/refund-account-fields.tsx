"use client";

import { BANK_CODES, BANKS } from "@/lib/payments/banks";
import styles from "./refund-account-fields.module.css";

/** The bank account a virtual-account payment is refunded to, as PortOne's `refundAccount` takes it. */
export type RefundAccountInput = { bank: string; number: string; holderName: string };

export const EMPTY_REFUND_ACCOUNT: RefundAccountInput = { bank: "", number: "", holderName: "" };

/** Whether every field is filled in well enough to send (the server checks it again). */
export function refundAccountComplete(account: RefundAccountInput): boolean {
  return account.bank !== "" && /^[0-9][0-9 -]{4,28}[0-9]$/.test(account.number.trim()) && account.holderName.trim() !== "";
}

/** 환불 받을 계좌: bank, account number and holder, for a refund of a payment made into a virtual account. */
export function RefundAccountFields(props: { value: RefundAccountInput; onChange: (value: RefundAccountInput) => void; disabled?: boolean }) {
  const set = (field: keyof RefundAccountInput) => (e: { target: { value: string } }) => props.onChange({ ...props.value, [field]: e.target.value });
  return (
    <fieldset className={styles.fields} disabled={props.disabled}>
      <legend>환불 받을 계좌</legend>
      <p className={styles.note}>가상계좌로 입금한 결제는 이 계좌로 환불됩니다.</p>
      <label>
        은행
        <select value={props.value.bank} onChange={set("bank")} required>
          <option value="">은행 선택</option>
          {BANK_CODES.map((code) => (
            <option key={code} value={code}>
              {BANKS[code]}
            </option>
          ))}
        </select>
      </label>
      <label>
        계좌번호
        <input value={props.value.number} onChange={set("number")} inputMode="numeric" autoComplete="off" placeholder="숫자만 또는 - 포함" required />
      </label>
      <label>
        예금주
        <input value={props.value.holderName} onChange={set("holderName")} autoComplete="name" maxLength={40} required />
      </label>
    </fieldset>
  );
}
