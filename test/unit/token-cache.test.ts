/**
 * Verified tokens remembered (core/access/token-cache.ts): verified once, refused once
 * expired exactly as jose refuses them, bounded, never remembering a refusal.
 */
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { rememberVerified } from "../../core/access/token-cache.js";
import { devTokenVerifier, signDevToken, type TokenVerifier } from "../../core/access/tokens.js";

const key = new TextEncoder().encode("token-cache-test-secret-token-cache-test");

/** The real dev verifier, counting how often it is asked. */
function counted(): { verify: TokenVerifier; calls: () => number } {
  const real = devTokenVerifier(key);
  let calls = 0;
  return {
    verify: (token) => {
      calls++;
      return real(token);
    },
    calls: () => calls,
  };
}

/** A dev token (as signDevToken makes them) expiring at `exp` (seconds since the epoch). */
const tokenExpiringAt = (email: string, exp: number) =>
  new SignJWT({ email })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer("virtual-school-dev")
    .setAudience("virtual-school-api")
    .setSubject(email)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key);

describe("rememberVerified", () => {
  it("verifies a token once and answers the same identity after", async () => {
    const { verify, calls } = counted();
    const cached = rememberVerified(verify);
    const token = await signDevToken(key, "sw1@demo.local");
    const answers = [await cached(token), await cached(token), await cached(token)];
    expect(answers).toEqual([{ email: "sw1@demo.local" }, { email: "sw1@demo.local" }, { email: "sw1@demo.local" }]);
    expect(calls()).toBe(1);
  });

  it("refuses a remembered token once it has expired, as the verifier does", async () => {
    const { verify, calls } = counted();
    const cached = rememberVerified(verify);
    const exp = Math.floor(Date.now() / 1_000) + 1;
    const token = await tokenExpiringAt("sw1@demo.local", exp);
    await expect(cached(token)).resolves.toEqual({ email: "sw1@demo.local" });
    await new Promise((resolve) => setTimeout(resolve, exp * 1_000 - Date.now() + 20));
    await expect(cached(token)).rejects.toThrow(/expired/);
    expect(calls()).toBe(2);
  });

  it("keeps a token no longer than its time to live, even when it expires later", async () => {
    const { verify, calls } = counted();
    let now = Date.now();
    const cached = rememberVerified(verify, { now: () => now, ttlMs: 60_000 });
    const token = await signDevToken(key, "sw1@demo.local");
    await cached(token);
    now += 59_000;
    await cached(token);
    expect(calls()).toBe(1);
    now += 2_000;
    await cached(token);
    expect(calls()).toBe(2);
  });

  it("holds at most `max` tokens, the least recently used out first", async () => {
    const { verify, calls } = counted();
    const cached = rememberVerified(verify, { max: 2 });
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((n) => signDevToken(key, `${n}@demo.local`)));
    for (const t of [a, b, c]) await cached(t as string);
    expect(calls()).toBe(3);
    await cached(c as string);
    await cached(b as string);
    expect(calls()).toBe(3);
    await cached(a as string);
    expect(calls()).toBe(4);
  });

  it("never remembers a refusal", async () => {
    const { verify, calls } = counted();
    const cached = rememberVerified(verify);
    const forged = await new SignJWT({ email: "vsh@demo.local" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("virtual-school-dev")
      .setAudience("virtual-school-api")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("another-key-another-key-another-key-12"));
    await expect(cached(forged)).rejects.toThrow(/not valid/);
    await expect(cached(forged)).rejects.toThrow(/not valid/);
    expect(calls()).toBe(2);
  });
});
