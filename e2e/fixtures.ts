import { test as base, expect } from "@playwright/test";

export { expect };

type Violation = { page: string; directive: string; blocked: string; source: string; sample: string };

declare global {
  interface Window {
    __reportCspViolation?: (violation: Violation) => void;
  }
}

/**
 * Playwright's `test`, failing any test during which a page, a frame or a popup
 * of its browser context broke the Content-Security-Policy: the browser's
 * `securitypolicyviolation` events, and its console's "Content Security Policy"
 * errors for what happens before a document's scripts run.
 */
export const test = base.extend<{ cspViolations: Violation[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: Violation[] = [];
      await context.exposeBinding("__reportCspViolation", (_source, violation: Violation) => {
        violations.push(violation);
      });
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          window.__reportCspViolation?.({
            page: e.documentURI,
            directive: e.effectiveDirective,
            blocked: e.blockedURI,
            source: `${e.sourceFile}:${e.lineNumber}`,
            sample: e.sample,
          });
        });
      });
      context.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) {
          violations.push({ page: message.page()?.url() ?? "", directive: "(console)", blocked: "", source: "", sample: message.text() });
        }
      });
      await use(violations);
      expect(violations, "Content-Security-Policy violations during the test").toEqual([]);
    },
    { auto: true },
  ],
});
