/**
 * AUTH_MODE=entra: only Entra ID access tokens for this app, checked against the
 * tenant's keys (here a local JWKS server), name a professional by their object id.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { aadOf, buildSmallAuthority, PEOPLE, TODAY } from "../support/factories.js";

const CLIENT_ID = "11111111-2222-4333-8444-555555555555";
const TENANT = "66666666-7777-4888-8999-000000000000";
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;

let t: TestApp;
let jwks: Server;
let sign: (claims: Record<string, unknown>, opts?: { key?: "good" | "other"; expires?: boolean }) => Promise<string>;

beforeAll(async () => {
  const good = await generateKeyPair("RS256");
  const other = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(good.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  jwks = createServer((_, res) =>
    res.setHeader("content-type", "application/json").end(JSON.stringify({ keys: [jwk] })),
  );
  await new Promise<void>((r) => jwks.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`;
  sign = (claims, { key = "good", expires = true } = {}) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "k1" }).setIssuedAt();
    return (expires ? jwt.setExpirationTime("1h") : jwt).sign((key === "good" ? good : other).privateKey);
  };
  // The real verifier from settings (no injected one): startTestApp passes a dev verifier
  // only for dev mode, so build the app with entra settings and its own verifier.
  t = await startTestApp({
    today: TODAY,
    env: {
      AUTH_MODE: "entra",
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_TENANT_ID: TENANT,
      ENTRA_JWKS_URL: url,
      MICROSOFT_APP_ID: CLIENT_ID,
      PUBLIC_URL: "https://vs.example.org",
    },
    realVerifier: true,
  });
  await buildSmallAuthority(t.database.db);
});
afterAll(async () => {
  await t.close();
  jwks.close();
});

const claims = (over: Record<string, unknown> = {}) => ({
  aud: CLIENT_ID,
  iss: ISSUER,
  tid: TENANT,
  scp: "access_as_user",
  oid: aadOf(PEOPLE.sw1),
  ...over,
});

describe("AUTH_MODE=entra", () => {
  it.each([
    ["the client id", CLIENT_ID],
    ["the tab's SSO resource", `api://vs.example.org/${CLIENT_ID}`],
  ])("accepts a token whose audience is %s, naming the professional by oid", async (_, aud) => {
    const res = await t.call("GET", "/api/me", { token: await sign(claims({ aud })) });
    expect(res.status).toBe(200);
    expect((await res.json()).name).toBe("sw1");
  });

  it.each([
    ["another audience", () => sign(claims({ aud: "someone-else" }))],
    ["another tenant", () => sign(claims({ iss: "https://login.microsoftonline.com/other/v2.0" }))],
    ["a key the tenant does not publish", () => sign(claims(), { key: "other" })],
    ["a dev token", () => t.token(PEOPLE.sw1)],
    // Closed by default (issue 13): the tenant pinned by `tid` too, an expiry, the API's scope.
    ["another tenant's tid under our issuer", () => sign(claims({ tid: "77777777-7777-4777-8777-777777777777" }))],
    ["no tid", () => sign(claims({ tid: undefined }))],
    ["no expiry", () => sign(claims(), { expires: false })],
    ["no scope", () => sign(claims({ scp: undefined }))],
    ["another scope only", () => sign(claims({ scp: "User.Read openid" }))],
  ])("refuses a token from %s with 401", async (_, token) => {
    expect((await t.call("GET", "/api/me", { token: await token() })).status).toBe(401);
  });

  it("refuses a valid token for someone the Virtual School does not know with 403", async () => {
    expect((await t.call("GET", "/api/me", { token: await sign(claims({ oid: "unknown-oid" })) })).status).toBe(403);
  });
});
