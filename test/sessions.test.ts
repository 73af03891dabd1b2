import { describe, expect, it } from "vitest";
import { DELETE as endSessions } from "@/app/api/account/sessions/route";
import { POST as changePassword } from "@/app/api/account/password/route";
import { GET as credits } from "@/app/api/credits/route";
import { POST as signup } from "@/app/api/signup/route";
import { verifyCredentials } from "@/lib/accounts/users";
import { uniqueEmail } from "./support/factories";
import { jsonRequest, readProblem, sessionCookie } from "./support/requests";

const noContext = undefined as never;

async function newAccount(password = "the first password") {
  const email = uniqueEmail("sessions");
  const res = await signup(jsonRequest("/api/signup", { method: "POST", body: { email, password } }), noContext);
  const { id } = (await res.json()) as { id: string };
  return { id, email, password };
}

const askToChangePassword = (cookie: string, currentPassword: string) =>
  changePassword(
    jsonRequest("/api/account/password", { method: "POST", body: { currentPassword, newPassword: "the second password" }, cookie }),
    noContext,
  );

const balanceWith = async (cookie: string) => (await credits(jsonRequest("/api/credits", { cookie }), noContext)).status;

describe("sessions end on the account's word, on every instance", () => {
  it("sign-out everywhere ends every session issued before it, and a new sign-in works", async () => {
    const account = await newAccount();
    const phone = await sessionCookie(account.id);
    const laptop = await sessionCookie(account.id);
    expect(await balanceWith(phone)).toBe(200);

    const res = await endSessions(jsonRequest("/api/account/sessions", { method: "DELETE", cookie: laptop }), noContext);
    expect(res.status).toBe(200);
    expect(await balanceWith(phone)).toBe(401);
    expect(await balanceWith(laptop)).toBe(401);

    const signedInAgain = await verifyCredentials(account.email, account.password);
    expect(signedInAgain?.sessionVersion).toBe(1);
    expect(await balanceWith(await sessionCookie(account.id, signedInAgain!.sessionVersion))).toBe(200);
  });

  it("a password change ends old sessions; the old password stops working and the new one works", async () => {
    const account = await newAccount();
    const cookie = await sessionCookie(account.id);
    const res = await askToChangePassword(cookie, account.password);
    expect(res.status).toBe(200);
    expect(await balanceWith(cookie)).toBe(401);
    expect(await verifyCredentials(account.email, account.password)).toBeNull();
    expect(await verifyCredentials(account.email, "the second password")).toMatchObject({ id: account.id, sessionVersion: 1 });
  });

  it("a wrong current password changes nothing: 403, the session and the password stay", async () => {
    const account = await newAccount();
    const cookie = await sessionCookie(account.id);
    const res = await askToChangePassword(cookie, "not my password");
    expect(res.status).toBe(403);
    expect(await readProblem(res)).toMatchObject({ code: "WRONG_PASSWORD", contentType: "application/problem+json" });
    expect(await balanceWith(cookie)).toBe(200);
    expect(await verifyCredentials(account.email, account.password)).toMatchObject({ id: account.id, sessionVersion: 0 });
  });

  it("a session that names a version the account never had is refused", async () => {
    const account = await newAccount();
    expect(await balanceWith(await sessionCookie(account.id, 7))).toBe(401);
  });
});
