import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { creditPacks, type CreditPack } from "@/db/schema";

export type PackView = {
  id: string;
  name: string;
  credits: number;
  paidCredits: number;
  bonusCredits: number;
  amount: number;
  currency: string;
};

export function toPackView(pack: CreditPack): PackView {
  return {
    id: pack.id,
    name: pack.name,
    credits: pack.credits,
    paidCredits: pack.paidCredits,
    bonusCredits: pack.bonusCredits,
    amount: pack.price,
    currency: pack.currency,
  };
}

export async function listActivePacks(): Promise<PackView[]> {
  const rows = await getDb().select().from(creditPacks).where(eq(creditPacks.active, true)).orderBy(asc(creditPacks.price));
  return rows.map(toPackView);
}

export async function findActivePack(id: string): Promise<CreditPack | undefined> {
  const [pack] = await getDb()
    .select()
    .from(creditPacks)
    .where(and(eq(creditPacks.id, id), eq(creditPacks.active, true)));
  return pack;
}
