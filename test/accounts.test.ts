import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as signup } from "@/app/api/signup/route";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { verifyCredentials } from "@/lib/accounts/users";
import { verifyPassword } from "@/lib/auth/password";
import { requireUserId } from "@/lib/auth/session";
import { countUsersWithEmail, createTestUser, uniqueEmail } from "./support/factories";
import { jsonRequest, readProblem, sessionCookie } from "./support/requests";

const noContext = undefined as never;

async function postSignup(body: unknown, rawBody?: string) {
  return signup(jsonRequest("/api/signup", { method: "POST", body, rawBody }), noContext);
}

describe("POST /api/signup", () => {
  it("creates an account with a lower-cased email and answers 201", async () => {
    const email = uniqueEmail("New.Person").replace("@example.com", "@Example.COM");
    const res = await postSignup({ email: `  ${email} `, password: "correct horse", name: "새 사용자" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; email: string };
    expect(body.email).toBe(email.toLowerCase());
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await countUsersWithEmail(email.toLowerCase())).toBe(1);
  });

  it("refuses an email already taken in any letter case with 409 EMAIL_TAKEN", async () => {
    const email = uniqueEmail("taken");
    expect((await postSignup({ email, password: "password-one" })).status).toBe(201);
    const res = await postSignup({ email: email.toUpperCase(), password: "password-two" });
    const problem = await readProblem(res);
    expect(res.status).toBe(409);
    expect(problem).toMatchObject({ status: 409, code: "EMAIL_TAKEN", contentType: "application/problem+json" });
    expect(await countUsersWithEmail(email)).toBe(1);
  });

  const email = uniqueEmail("bad-input");
  const invalidBodies: Array<[string, unknown, string]> = [
    ["a missing email", { password: "long enough" }, "email"],
    ["an email that is not an address", { email: "not-an-email", password: "long enough" }, "email"],
    ["an email that is not a string", { email: 42, password: "long enough" }, "email"],
    ["an email over 254 characters", { email: `${"a".repeat(250)}@example.com`, password: "long enough" }, "email"],
    ["a missing password", { email }, "password"],
    ["a password under 8 characters", { email, password: "short" }, "password"],
    ["a password over 256 characters", { email, password: "x".repeat(257) }, "password"],
    ["a password that is not a string", { email, password: 12345678 }, "password"],
    ["a name over 80 characters", { email, password: "long enough", name: "n".repeat(81) }, "name"],
    ["a name that is not a string", { email, password: "long enough", name: ["x"] }, "name"],
  ];

  it.each(invalidBodies)("answers 400 for %s and stores nothing", async (_case, body, field) => {
    const res = await postSignup(body);
    const problem = await readProblem(res);
    expect(res.status).toBe(400);
    expect(problem.contentType).toBe("application/problem+json");
    expect(problem.code).toBe("INVALID_INPUT");
    expect(problem.detail).toContain(field);
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  it.each([
    ["a body that is not JSON", "{email:"],
    ["a JSON array", "[]"],
    ["an empty body", ""],
  ])("answers 400 for %s", async (_case, rawBody) => {
    const res = await postSignup(undefined, rawBody);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).code).toBe("INVALID_INPUT");
  });
});

describe("signing in", () => {
  it("accepts the right password, in any letter case of the email", async () => {
    const email = uniqueEmail("signin");
    await postSignup({ email, password: "right password" });
    const user = await verifyCredentials(email.toUpperCase(), "right password");
    expect(user?.email).toBe(email);
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const email = uniqueEmail("signin-wrong");
    await postSignup({ email, password: "right password" });
    expect(await verifyCredentials(email, "wrong password")).toBeNull();
    expect(await verifyCredentials(uniqueEmail("nobody"), "right password")).toBeNull();
  });
});

// Hashes that verify nothing: what the test factory stores, and what a broken or foreign row might hold.
const unreadableHashes: Array<[string, string]> = [
  ["an empty hash", ""],
  ["the test factory's hash", "not-a-usable-hash"],
  ["another scheme's hash", "bcrypt$2b$10$abc"],
  ["a scrypt hash without its key", "scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$"],
];

describe("a stored password hash that cannot be read", () => {
  it.each(unreadableHashes)("%s verifies no password, not even an empty one", async (_case, hash) => {
    for (const password of ["", "any password", hash]) expect(await verifyPassword(password, hash)).toBe(false);
  });

  it.each(unreadableHashes)("an account with %s cannot be signed into with any password", async (_case, hash) => {
    const user = await createTestUser();
    await getDb().update(users).set({ passwordHash: hash }).where(eq(users.id, user.id));
    for (const password of ["any password", hash]) expect(await verifyCredentials(user.email, password)).toBeNull();
  });
});

describe("the session", () => {
  it("is required: no cookie is a 401", async () => {
    await expect(requireUserId(jsonRequest("/api/payments"))).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("identifies the user from a valid session cookie and rejects a forged one", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    expect(await requireUserId(jsonRequest("/api/payments", { cookie }))).toBe(user.id);
    const forged = `${cookie.slice(0, -4)}AAAA`;
    await expect(requireUserId(jsonRequest("/api/payments", { cookie: forged }))).rejects.toMatchObject({ status: 401 });
  });
});
