import { describe, expect, it } from "vitest";
import { authOptions } from "./options";

const baseUrl = "http://localhost:3000";
const redirect = (url: string) => authOptions().callbacks!.redirect!({ url, baseUrl });

describe("next-auth's redirect callback", () => {
  it("follows pages of our own origin", async () => {
    expect(await redirect("/credits?x=1")).toBe(`${baseUrl}/credits?x=1`);
    expect(await redirect(`${baseUrl}/account`)).toBe(`${baseUrl}/account`);
  });

  it.each(["https://evil.example/phish", "//evil.example", "/\\evil.example/phish", "/%5Cevil.example/phish", "/%09/evil.example"])(
    "sends %s to our home page",
    async (url) => {
      expect(await redirect(url)).toBe(`${baseUrl}/`);
    },
  );
});
