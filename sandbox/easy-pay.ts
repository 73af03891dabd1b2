import { z } from "zod";

/** The easy-pay providers the sandbox checkout offers, with the names a Korean customer knows them by. */
export const EASY_PAY_PROVIDER_NAMES = { KAKAOPAY: "카카오페이", NAVERPAY: "네이버페이", TOSSPAY: "토스페이" } as const;

export type EasyPayProvider = keyof typeof EASY_PAY_PROVIDER_NAMES;

export const easyPayProvider = z.enum(Object.keys(EASY_PAY_PROVIDER_NAMES) as [EasyPayProvider, ...EasyPayProvider[]]);
