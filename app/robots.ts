import type { MetadataRoute } from "next";
import { config } from "@/lib/env";

// Built per request: the public origin is configuration, not known at build time.
export const dynamic = "force-dynamic";

/** The shop's public pages are for search engines; accounts, the chat, the console and the API are not. */
export default function robots(): MetadataRoute.Robots {
  const { appUrl } = config();
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/api/", "/admin", "/account", "/chat", "/credits/complete"] },
    sitemap: `${appUrl}/sitemap.xml`,
  };
}
