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

  /** The HTTP status PortOne declares for an error type of an error union (its `x-portone-status-code`). */
  const declaredStatus = (union: string, type: string): unknown => {
    const ref = spec!.components.schemas[union]!.discriminator!.mapping![type]!;
    return spec!.components.schemas[ref.split("/").at(-1)!]!["x-portone-status-code"];
  };
  const expectError = (answer: { status: number; body: unknown }, union: string, type: string) => {
    expect(answer.body).toMatchObject({ type });
    expect(validate(union, answer.body)).toEqual([]);
    expect(answer.status).toBe(declaredStatus(union, type));
  };

  it("BillingKeyInfo, billing-key payments and their errors, each with PortOne's status", async () => {
    const issued = await world.control("/billing-keys", { customerId: "user-openapi" });
    const billingKey = issued.body.billingKey as string;
    const info = await raw("GET", `/billing-keys/${billingKey}`);
    expect(info.status).toBe(200);
    expect(validate("BillingKeyInfo", info.body)).toEqual([]);

    const chargeBody = { billingKey, orderName: "자동 충전", amount: { total: 5000 }, currency: "KRW" };
    const paid = `pay-${randomUUID()}`;
    const charged = await raw("POST", `/payments/${paid}/billing-key`, chargeBody);
    expect(charged.status).toBe(200);
    expect(validate("PayWithBillingKeyResponse", charged.body)).toEqual([]);
    expect(validate("Payment", (await raw("GET", `/payments/${paid}`)).body)).toEqual([]);
    expectError(await raw("POST", `/payments/${paid}/billing-key`, chargeBody), "PayWithBillingKeyError", "ALREADY_PAID");

    await world.control(`/billing-keys/${billingKey}/next`, { outcome: "declined" });
    const declined = `pay-${randomUUID()}`;
    const pgError = await raw("POST", `/payments/${declined}/billing-key`, chargeBody);
    expectError(pgError, "PayWithBillingKeyError", "PG_PROVIDER");
    const failed = await raw("GET", `/payments/${declined}`);
    expect(failed.body).toMatchObject({ status: "FAILED" });
    expect(validate("Payment", failed.body)).toEqual([]);
    expectError(await raw("POST", `/payments/${declined}/billing-key`, { ...chargeBody, amount: { total: -1 } }), "PayWithBillingKeyError", "INVALID_REQUEST");

    const deleted = await raw("DELETE", `/billing-keys/${billingKey}`);
    expect(deleted.status).toBe(200);
    expect(validate("DeleteBillingKeyResponse", deleted.body)).toEqual([]);
    const deletedInfo = await raw("GET", `/billing-keys/${billingKey}`);
    expect(deletedInfo.body).toMatchObject({ status: "DELETED" });
    expect(validate("BillingKeyInfo", deletedInfo.body)).toEqual([]);
    expectError(await raw("DELETE", `/billing-keys/${billingKey}`), "DeleteBillingKeyError", "BILLING_KEY_ALREADY_DELETED");
    expectError(await raw("POST", `/payments/${declined}/billing-key`, chargeBody), "PayWithBillingKeyError", "BILLING_KEY_ALREADY_DELETED");

    const unknown = `billing-key-${randomUUID()}`;
    expectError(await raw("GET", `/billing-keys/${unknown}`), "GetBillingKeyInfoError", "BILLING_KEY_NOT_FOUND");
    expectError(await raw("GET", `/billing-keys/${unknown}?storeId=store-other`), "GetBillingKeyInfoError", "FORBIDDEN");
    expectError(await raw("DELETE", `/billing-keys/${unknown}`), "DeleteBillingKeyError", "BILLING_KEY_NOT_FOUND");
    expectError(await raw("GET", `/billing-keys/${unknown}`, undefined, "wrong"), "GetBillingKeyInfoError", "UNAUTHORIZED");
    expectError(await raw("POST", `/payments/${paid}/billing-key`, { ...chargeBody, billingKey: unknown }), "PayWithBillingKeyError", "BILLING_KEY_NOT_FOUND");

    // The checks can fail: an unknown status, or a PG error without the PG's code, is refused.
    expect(validate("BillingKeyInfo", { ...(info.body as object), status: "GONE" })).not.toEqual([]);
    expect(validate("PayWithBillingKeyError", { type: "PG_PROVIDER", message: "declined" })).not.toEqual([]);
  });

  it("an easy-pay payment, with PortOne's PaymentMethodEasyPay", async () => {
    const paymentId = `pay-${randomUUID()}`;
    await raw("POST", `/payments/${paymentId}/pre-register`, { totalAmount: 5000, currency: "KRW" });
    await world.control(`/payments/${paymentId}/pay`, { method: "EASY_PAY", easyPayProvider: "KAKAOPAY" });
    const { body } = await raw("GET", `/payments/${paymentId}`);
    expect(body).toMatchObject({ status: "PAID", method: { type: "PaymentMethodEasyPay", provider: "KAKAOPAY" } });
    expect(validate("Payment", body)).toEqual([]);
    expect(validate("Payment", { ...(body as object), method: { type: "PaymentMethodEasyPay", provider: "KAKAOBANK" } })).not.toEqual([]);
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
