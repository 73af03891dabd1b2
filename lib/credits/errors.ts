import { Problem } from "@/lib/http/problem";

export class InsufficientCredits extends Problem {
  constructor(
    readonly needed: number,
    readonly balance: number,
  ) {
    super(
      402,
      "INSUFFICIENT_CREDITS",
      "Not enough credits",
      balance < 0
        ? `Your balance is ${balance} credits after a refund or cancellation; top it up to continue. Nothing was spent.`
        : `This costs ${needed} credits and your balance is ${balance}. Nothing was spent.`,
      { needed, balance },
    );
  }
}
