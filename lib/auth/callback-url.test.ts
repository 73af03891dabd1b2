import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./callback-url";

const APP = "http://localhost:3000";

describe("sameOriginPath", () => {
  it.each([
    ["/credits", "/credits"],
    ["/credits/complete?paymentId=p-1&txId=t-1", "/credits/complete?paymentId=p-1&txId=t-1"],
    ["/account#payments", "/account#payments"],
    ["/search?q=%2Fa%20b", "/search?q=%2Fa%20b"],
    ["http://localhost:3000/chat?x=1", "/chat?x=1"],
    ["/a/../credits", "/credits"],
  ])("follows our own page %s", (value, expected) => {
    expect(sameOriginPath(value, APP)).toBe(expected);
  });

  it.each([
    ["a backslash after the slash", "/\\evil.example/phish"],
    ["an encoded backslash", "/%5Cevil.example/phish"],
    ["an encoded tab between slashes", "/%09/evil.example/x"],
    ["a raw tab between slashes", "/\t/evil.example/x"],
    ["an encoded newline", "/%0A/evil.example"],
    ["a protocol-relative URL", "//evil.example"],
    ["a protocol-relative URL with a path", "//evil.example/credits"],
    ["a dot segment that normalises to two slashes", "/.//evil.example"],
    ["another origin", "https://evil.example"],
    ["another origin with our path", "https://evil.example/credits"],
    ["our host on another port", "http://localhost:3001/credits"],
    ["our host on another scheme", "https://localhost:3000/credits"],
    ["a javascript: URL", "javascript:alert(document.cookie)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a broken percent-encoding", "/%E0%A4%A"],
    ["an empty value", ""],
    ["no value", null],
  ])("sends %s to /", (_, value) => {
    expect(sameOriginPath(value, APP)).toBe("/");
  });
});
