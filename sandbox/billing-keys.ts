import { randomUUID } from "node:crypto";
import type { Card } from "@portone/server-sdk/common";
import type { BillingKeyInfo } from "@portone/server-sdk/payment/billingKey";
import { failures } from "./errors";
import { MERCHANT_ID, sandboxChannel } from "./merchant";
import type { BillingKeyChange } from "./webhooks";

/** What the card company does with a key's next charge; `timeout` charges but PortOne's answer never arrives. */
export type ChargeOutcome = "paid" | "declined" | "timeout";

/** The two test cards a customer can register. */
export type TestCard = "accepting" | "declining";

const TEST_CARDS: { [K in TestCard]: Card } = {
  accepting: {
    publisher: "SHINHAN_CARD",
    issuer: "SHINHAN_CARD",
    brand: "MASTER",
    type: "CREDIT",
    ownerType: "PERSONAL",
    bin: "536510",
    name: "샌드박스 테스트 카드",
    number: "5365-10**-****-1234",
  },
  declining: {
    publisher: "KOOKMIN_CARD",
    issuer: "KOOKMIN_CARD",
    brand: "VISA",
    type: "CREDIT",
    ownerType: "PERSONAL",
    bin: "400000",
    name: "거절되는 테스트 카드",
    number: "4000-00**-****-0002",
  },
};

type BillingKeyRecord = {
  billingKey: string;
  storeId: string;
  customer: { id?: string };
  channelKey: string | undefined;
  status: "ISSUED" | "DELETED";
  issuedAt: string;
  deletedAt?: string;
  testCard: TestCard;
  /** The next charge's outcome; back to "paid" once a charge took it. */
  nextOutcome: ChargeOutcome;
};

/** A billing key able to charge: its card and what its next charge does. */
export type ChargeableKey = { billingKey: string; card: Card; channelKey: string | undefined; customerId: string | undefined };

/** The sandbox's billing keys (stored cards), in memory: ISSUED → DELETED. */
export class BillingKeyStore {
  private readonly keys = new Map<string, BillingKeyRecord>();

  reset(): void {
    this.keys.clear();
  }

  issue(registration: { storeId: string; customerId?: string; channelKey?: string; testCard: TestCard }): BillingKeyChange {
    const key: BillingKeyRecord = {
      billingKey: `billing-key-${randomUUID()}`,
      storeId: registration.storeId,
      customer: { id: registration.customerId },
      channelKey: registration.channelKey,
      status: "ISSUED",
      issuedAt: new Date().toISOString(),
      testCard: registration.testCard,
      nextOutcome: "paid",
    };
    this.keys.set(key.billingKey, key);
    return { type: "BillingKey.Issued", billingKey: key.billingKey, storeId: key.storeId };
  }

  /** A key of another store is as unknown as a key never issued, so one store cannot probe another's. */
  private find(billingKey: string, storeId?: string): BillingKeyRecord {
    const key = this.keys.get(billingKey);
    if (!key || (storeId !== undefined && key.storeId !== storeId)) throw failures.billingKeyNotFound(billingKey);
    return key;
  }

  private issued(billingKey: string, storeId: string): BillingKeyRecord {
    const key = this.find(billingKey, storeId);
    if (key.status === "DELETED") throw failures.billingKeyAlreadyDeleted();
    return key;
  }

  delete(billingKey: string, storeId: string): { deletedAt: string; change: BillingKeyChange } {
    const key = this.issued(billingKey, storeId);
    key.status = "DELETED";
    key.deletedAt = new Date().toISOString();
    return { deletedAt: key.deletedAt, change: { type: "BillingKey.Deleted", billingKey, storeId: key.storeId } };
  }

  /** Decides the key's next charge only; a declining card declines whatever is set here. */
  setNextOutcome(billingKey: string, outcome: ChargeOutcome): void {
    this.find(billingKey).nextOutcome = outcome;
  }

  chargeable(billingKey: string, storeId: string): ChargeableKey {
    const key = this.issued(billingKey, storeId);
    return { billingKey, card: TEST_CARDS[key.testCard], channelKey: key.channelKey, customerId: key.customer.id };
  }

  /** The outcome of the charge being made now, used up by it. */
  takeOutcome(billingKey: string): ChargeOutcome {
    const key = this.find(billingKey);
    const outcome = key.testCard === "declining" ? "declined" : key.nextOutcome;
    key.nextOutcome = "paid";
    return outcome;
  }

  /** The key as PortOne's `GET /billing-keys/{billingKey}` answers it. */
  toPortOne(billingKey: string, storeId: string): BillingKeyInfo {
    const key = this.find(billingKey, storeId);
    const base = {
      billingKey: key.billingKey,
      merchantId: MERCHANT_ID,
      storeId: key.storeId,
      methods: [{ type: "BillingKeyPaymentMethodCard" as const, card: TEST_CARDS[key.testCard] }],
      channels: [sandboxChannel(key.channelKey)],
      customer: key.customer,
      requestedAt: key.issuedAt,
      issuedAt: key.issuedAt,
    };
    return key.status === "DELETED" ? { ...base, status: "DELETED", deletedAt: key.deletedAt ?? key.issuedAt } : { ...base, status: "ISSUED" };
  }
}
