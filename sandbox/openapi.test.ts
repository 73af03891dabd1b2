import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "./defaults";
import { sandboxWithReceiver } from "./test-fixtures";

/**
 * PortOne's published OpenAPI description lives beside the project
 * (../shared/portone), never in it. A clone elsewhere looks up its ancestors,
 * and PORTONE_OPENAPI_PATH names the file outright.
 */
function findSpec(): string | undefined {
  if (process.env.PORTONE_OPENAPI_PATH) return process.env.PORTONE_OPENAPI_PATH;
  let dir = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
  for (;;) {
    const candidate = path.join(dir, "shared", "portone", "v2.openapi.json");
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
const specPath = findSpec();
const spec = specPath ? (JSON.parse(fs.readFileSync(specPath, "utf8")) as Spec) : undefined;

type SchemaObject = {
  oneOf?: unknown[];
  allOf?: unknown[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  [key: string]: unknown;
};
type Spec = { components: { schemas: Record<string, SchemaObject> } };

/**
 * Ajv cannot read discriminators with mappings, and PortOne's variants are too
 * loose to tell apart by oneOf alone. So each tagged union becomes "if the tag is
 * X, then variant X", and an unknown tag fails.
 */
function discriminatorsAsConditionals(document: Spec): Spec {
  const copy = structuredClone(document);
  for (const schema of Object.values(copy.components.schemas)) {
    const d = schema.discriminator;
    if (!d?.mapping || !schema.oneOf) continue;
    const tags = Object.keys(d.mapping);
    schema.allOf = [
      { required: [d.propertyName], properties: { [d.propertyName]: { enum: tags } } },
      ...tags.map((tag) => ({ if: { properties: { [d.propertyName]: { const: tag } } }, then: { $ref: d.mapping![tag] } })),
    ];
    delete schema.oneOf;
    delete schema.discriminator;
  }
  return copy;
}

describe.runIf(spec)("sandbox responses match PortOne's OpenAPI schemas", () => {
  let world: Awaited<ReturnType<typeof sandboxWithReceiver>>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // The body of a skipped describe still runs, so this must not assume the spec.
  if (spec) ajv.addSchema(discriminatorsAsConditionals(spec), "portone");
  const validate = (schema: string, value: unknown): unknown[] => {
    const check = ajv.getSchema(`portone#/components/schemas/${schema}`)!;
    return check(value) ? [] : (check.errors ?? []);
  };

  beforeAll(async () => {
    world = await sandboxWithReceiver();
  });
  afterAll(() => world.close());

  async function raw(method: string, path: string, body?: unknown, secret: string = SANDBOX_DEFAULTS.apiSecret) {
    const res = await fetch(`${world.sandbox.url}${path}`, {
      method,
      headers: { authorization: `PortOne ${secret}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  it("Payment, in every status the sandbox produces", async () => {
    const seen: string[] = [];
    const check = async (paymentId: string) => {
      const { status, body } = await raw("GET", `/payments/${paymentId}`);
      expect(status).toBe(200);
      expect(validate("Payment", body)).toEqual([]);
      seen.push((body as { status: string }).status);
    };
    const id = () => `pay-${randomUUID()}`;
    const register = (paymentId: string) => raw("POST", `/payments/${paymentId}/pre-register`, { totalAmount: 5000, currency: "KRW" });

    const card = id();
    expect(validate("PreRegisterPaymentResponse", (await register(card)).body)).toEqual([]);
    await check(card);
    await world.control(`/payments/${card}/pay`);
    await check(card);
    const partial = await raw("POST", `/payments/${card}/cancel`, { amount: 1000, reason: "부분" });
    expect(validate("CancelPaymentResponse", partial.body)).toEqual([]);
    await check(card);
    await raw("POST", `/payments/${card}/cancel`, { reason: "전액" });
    await check(card);

    const va = id();
    await register(va);
    await world.control(`/payments/${va}/pay`, { method: "VIRTUAL_ACCOUNT" });
    await check(va);

    const failed = id();
    await register(failed);
    await world.control(`/payments/${failed}/fail`);
    await check(failed);

    expect(seen).toEqual(["READY", "PAID", "PARTIAL_CANCELLED", "CANCELLED", "VIRTUAL_ACCOUNT_ISSUED", "FAILED"]);

    // The check can fail: a paid payment without its amount, or with an unknown status, is refused.
    const { body } = await raw("GET", `/payments/${card}`);
    const withoutAmount: Record<string, unknown> = { ...(body as object) };
    delete withoutAmount.amount;
    expect(validate("Payment", withoutAmount)).not.toEqual([]);
    expect(validate("Payment", { ...(body as object), status: "PAYED" })).not.toEqual([]);
  });

  it("errors, as GetPaymentError and CancelPaymentError", async () => {
    const missing = await raw("GET", `/payments/pay-${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(validate("GetPaymentError", missing.body)).toEqual([]);
    const unauthorized = await raw("GET", `/payments/x`, undefined, "wrong");
    expect(unauthorized.status).toBe(401);
    expect(validate("GetPaymentError", unauthorized.body)).toEqual([]);
    const notPaid = await raw("POST", `/payments/pay-${randomUUID()}/cancel`, { reason: "x" });
    expect(notPaid.status).toBe(404);
    expect(validate("CancelPaymentError", notPaid.body)).toEqual([]);
  });
});
