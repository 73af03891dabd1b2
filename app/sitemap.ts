import type { MetadataRoute } from "next";
import { config } from "@/lib/env";

// Built per request: the public origin is configuration, not known at build time.
export const dynamic = "force-dynamic";

/** The public pages: what a visitor, a search engine or a PG's reviewer can read without an account. */
const PUBLIC_PAGES = ["/", "/credits", "/terms", "/refund-policy", "/privacy", "/support", "/signup", "/signin"] as const;

export default function sitemap(): MetadataRoute.Sitemap {
  const { appUrl } = config();
  return PUBLIC_PAGES.map((path) => ({ url: `${appUrl}${path === "/" ? "" : path}`, changeFrequency: "monthly", priority: path === "/" ? 1 : 0.5 }));
}
