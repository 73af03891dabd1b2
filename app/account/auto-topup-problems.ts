import { ApiError } from "@/lib/http/client";

const PROBLEMS: Record<string, string> = {
  NO_CARD: "자동 충전을 켜려면 먼저 카드를 등록해 주세요.",
  CAP_BELOW_PACK: "월 한도가 선택한 팩 가격보다 낮아 한 번도 충전할 수 없습니다. 한도를 높이거나 더 작은 팩을 고르세요.",
  BILLING_KEY_INVALID: "카드를 확인하지 못해 저장하지 않았습니다. 다시 등록해 주세요.",
  RATE_LIMITED: "카드 등록을 너무 자주 시도했습니다. 잠시 후 다시 시도해 주세요.",
  PORTONE_UNAVAILABLE: "결제 서비스(PortOne)에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
  INVALID_INPUT: "입력한 값을 확인해 주세요. 기준 잔액은 0 이상, 월 한도는 1원 이상의 정수입니다.",
};

/** What to tell the person about a failed auto top-up call: our words for the problem codes, the server's otherwise. */
export const describeAutoTopUpProblem = (error: unknown) =>
  error instanceof ApiError ? (PROBLEMS[error.code ?? ""] ?? error.message) : "네트워크 오류가 발생했습니다. 다시 시도해 주세요.";
