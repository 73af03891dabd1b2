import { formatCredits } from "@/lib/format";
import type { PackView } from "@/lib/payments/packs";
import styles from "./pack-credits.module.css";

/** A pack's credits: the bonus called out, and the paid/bonus split in words a screen reader reads as they are. */
export function PackCredits({ pack }: { pack: PackView }) {
  return (
    <>
      {pack.bonusCredits > 0 && <p className={styles.bonus}>+{formatCredits(pack.bonusCredits)} 보너스</p>}
      <p className={styles.split}>
        {formatCredits(pack.credits)} 크레딧
        {pack.bonusCredits > 0 && ` (유료 ${formatCredits(pack.paidCredits)} + 보너스 ${formatCredits(pack.bonusCredits)})`}
      </p>
    </>
  );
}
