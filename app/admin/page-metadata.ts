import type { Metadata } from "next";
import { operatorForPage } from "@/lib/admin/operators";

/**
 * A console page's title, named only to an operator: to anyone else the page is
 * the site's 404, title included (metadata is resolved apart from the page, so it checks too).
 */
export async function adminPageMetadata(path: string, section?: string): Promise<Metadata> {
  await operatorForPage(path);
  return { title: section ? `${section} · 운영 콘솔` : "운영 콘솔 · AInfo 크레딧", robots: { index: false } };
}
