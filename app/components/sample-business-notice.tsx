import { config } from "@/lib/env";
import styles from "./sample-business-notice.module.css";

/** In sandbox mode the seller's identity is a sample, and every place that shows it says so. */
export function SampleBusinessNotice() {
  if (!config().business.sample) return null;
  return (
    <p className={styles.notice} role="note">
      샘플 사업자 정보입니다. 샌드박스 모드에서는 실제 결제가 이루어지지 않습니다.
    </p>
  );
}
