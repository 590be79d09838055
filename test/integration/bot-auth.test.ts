/**
 * Bot Framework authentication on the real app: with MICROSOFT_APP_ID set, only tokens
 * from the (local, offline) channel with the right audience and service URL get a turn.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { type BotAuthServer, startBotAuthServer, testBotFrameworkAuthentication } from "../support/bot-auth.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, PEOPLE, TODAY } from "../support/factories.js";
import { message, post } from "../support/teams.js";

const APP_ID = "00000000-0000-4000-8000-0000000000b1";
let t: TestApp;
let auth: BotAuthServer;
let stub: ConnectorStub;

beforeAll(async () => {
  auth = await startBotAuthServer();
  stub = await startConnectorStub();
  t = await startTestApp({
    today: TODAY,
    env: { MICROSOFT_APP_ID: APP_ID },
    botAuthentication: testBotFrameworkAuthentication(APP_ID, auth),
  });
  await buildSmallAuthority(t.database.db);
});
afterAll(async () => {
  await t.close();
  await stub.close();
  await auth.close();
});

const activity = () => message({ aadObjectId: aadOf(PEOPLE.sw1) }, stub.url, "help");

describe("with MICROSOFT_APP_ID set", () => {
  it("a valid channel token gets a turn and a reply", async () => {
    const token = await auth.sign({ appId: APP_ID, serviceUrl: stub.url });
    const res = await post(t.base, activity(), token);
    expect(res.status).toBe(200);
    await stub.waitFor((c) => c.kind === "reply" && !c.rejected);
  });

  it.each([
    ["no token", async () => undefined],
    ["a token signed with an unpublished key", () => auth.sign({ appId: APP_ID, serviceUrl: stub.url, key: "other" })],
    [
      "a forgery naming the published key",
      () => auth.sign({ appId: APP_ID, serviceUrl: stub.url, key: "other", kid: auth.keyId }),
    ],
    ["an expired token", () => auth.sign({ appId: APP_ID, serviceUrl: stub.url, expiresInSeconds: -600 })],
    ["a token for another bot", () => auth.sign({ appId: "another-app", serviceUrl: stub.url })],
    ["a token for another service URL", () => auth.sign({ appId: APP_ID, serviceUrl: "https://elsewhere.example/" })],
  ])("%s is 401 and the bot says nothing", async (_, token) => {
    stub.reset();
    const res = await post(t.base, activity(), await token());
    expect(res.status).toBe(401);
    // A genuine turn afterwards: its reply is the only call the connector has seen.
    const good = await auth.sign({ appId: APP_ID, serviceUrl: stub.url });
    expect((await post(t.base, activity(), good)).status).toBe(200);
    const [reply] = await stub.waitFor((c) => c.kind === "reply");
    expect(stub.calls).toEqual([reply]);
  });
});
