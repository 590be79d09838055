/**
 * The proactive sender against the Bot Connector stub: the request Teams would get, and
 * each kind of refusal handed back as data after exactly one call (no hidden retries).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTeamsSender, parseRetryAfter } from "../../bot/proactive.js";
import type { ProactiveReference } from "../../core/alerts/sender.port.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";

let stub: ConnectorStub;
let ref: ProactiveReference;
const card = {
  type: "message",
  attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: {} }],
};

beforeAll(async () => {
  stub = await startConnectorStub();
});
beforeEach(() => {
  stub.reset();
  ref = {
    serviceUrl: stub.url,
    channelId: "msteams",
    conversation: { id: "a:1personal-chat", tenantId: "tenant-1", conversationType: "personal" },
    bot: { id: "28:bot-app-id", name: "Virtual School" },
    user: { id: "29:1user", aadObjectId: "aad-user-1" },
  };
});
afterAll(async () => {
  await stub.close();
});

describe("send", () => {
  it("posts the activity with what Teams needs and the bearer token", async () => {
    const sender = createTeamsSender({ appId: "bot-app-id", token: async () => "test-token" });
    const result = await sender.send(ref, { ...card, text: "An alert" });
    expect(result).toEqual({ ok: true, activityId: "1" });
    expect(stub.calls).toHaveLength(1);
    const [call] = stub.calls;
    expect(call).toMatchObject({
      method: "POST",
      kind: "send",
      conversationId: "a:1personal-chat",
      authorization: "Bearer test-token",
    });
    expect(call?.body).toMatchObject({
      type: "message",
      text: "An alert",
      from: { id: "28:bot-app-id" },
      recipient: { id: "29:1user", aadObjectId: "aad-user-1" },
      conversation: { id: "a:1personal-chat", tenantId: "tenant-1" },
      channelId: "msteams",
      serviceUrl: stub.url,
      attachments: card.attachments,
    });
  });

  it("sends no Authorization header without a token provider (local development)", async () => {
    const result = await createTeamsSender().send(ref, { text: "hi" });
    expect(result.ok).toBe(true);
    expect(stub.calls[0]?.authorization).toBeUndefined();
  });

  it.each(["19:meeting_abc@thread.v2;messageid=1712345678", "a:1Xy;z:2", "a:with/slash;and:colon"])(
    "keeps the conversation id %s as one path segment",
    async (id) => {
      const sender = createTeamsSender();
      expect(await sender.send({ ...ref, conversation: { id } }, { text: "hi" })).toMatchObject({ ok: true });
      expect(stub.calls[0]).toMatchObject({ kind: "send", conversationId: id, status: 201 });
      expect(stub.calls[0]?.body.conversation?.id).toBe(id);
    },
  );

  it("copes with a serviceUrl without its trailing slash", async () => {
    const result = await createTeamsSender().send({ ...ref, serviceUrl: stub.url.replace(/\/$/, "") }, { text: "hi" });
    expect(result.ok).toBe(true);
  });
});

describe("update", () => {
  it("puts the new activity over the sent one", async () => {
    const sender = createTeamsSender({ token: async () => "test-token" });
    const acknowledged = {
      ...card,
      attachments: [{ ...card.attachments[0], content: { type: "AdaptiveCard", body: [{ text: "Acknowledged" }] } }],
    };
    const result = await sender.update(ref, "17", acknowledged);
    expect(result).toEqual({ ok: true, activityId: "17" });
    expect(stub.calls).toHaveLength(1);
    expect(stub.calls[0]).toMatchObject({ method: "PUT", kind: "update", activityId: "17", status: 200 });
    expect(stub.calls[0]?.body).toMatchObject({ id: "17", type: "message", attachments: acknowledged.attachments });
  });

  it("a card with a text beside it is refused as Teams refuses it, and says so", async () => {
    const sender = createTeamsSender({ token: async () => "test-token" });
    const result = await sender.update(ref, "17", { ...card, text: "Acknowledged by Ms Khan" });
    expect(result).toMatchObject({ ok: false, status: 400, code: "BadSyntax" });
  });
});

describe("refusals come back as data after one call", () => {
  const sender = () => createTeamsSender({ token: async () => "test-token" });

  it("429 with Retry-After", async () => {
    stub.inject({ status: 429, retryAfterSeconds: 3 });
    const result = await sender().send(ref, { text: "hi" });
    expect(result).toEqual({ ok: false, status: 429, retryAfterMs: 3_000, code: "Throttled", permanent: false });
    expect(stub.calls).toHaveLength(1);
  });

  it("503 is worth retrying later", async () => {
    stub.inject({ status: 503 });
    const result = await sender().send(ref, { text: "hi" });
    expect(result).toMatchObject({ ok: false, status: 503, permanent: false, retryAfterMs: null });
    expect(stub.calls).toHaveLength(1);
  });

  it.each([
    [403, "ConversationBlockedByUser"],
    [404, "ConversationNotFound"],
    [413, "MessageSizeTooBig"],
  ])("%i is permanent, with the Bot Framework code", async (status, code) => {
    stub.inject({ status: status as 403 | 404 | 413 });
    const result = await sender().send(ref, { text: "hi" });
    expect(result).toEqual({ ok: false, status, retryAfterMs: null, code, permanent: true });
    expect(stub.calls).toHaveLength(1);
  });

  it("an update refused with 404 is permanent too", async () => {
    stub.inject({ status: 404 });
    expect(await sender().update(ref, "3", { text: "x" })).toMatchObject({ ok: false, status: 404, permanent: true });
  });
});

describe("no answer", () => {
  it("a timeout is status 0 and not permanent", async () => {
    // A connector that never answers; the sender's own timeout aborts the call.
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const result = await createTeamsSender({ fetch: hanging, timeoutMs: 50 }).send(ref, { text: "hi" });
    expect(result).toEqual({ ok: false, status: 0, retryAfterMs: null, code: "Timeout", permanent: false });
  });

  it("a refused connection is status 0 and not permanent", async () => {
    const closed = await startConnectorStub();
    await closed.close();
    const result = await createTeamsSender().send({ ...ref, serviceUrl: closed.url }, { text: "hi" });
    expect(result).toEqual({ ok: false, status: 0, retryAfterMs: null, code: "NetworkError", permanent: false });
  });

  it("a failing token provider is status 0, and nothing is sent", async () => {
    const sender = createTeamsSender({
      appId: "bot-app-id",
      token: async () => {
        throw new Error("AADSTS7000215: invalid client secret");
      },
    });
    expect(await sender.send(ref, { text: "hi" })).toMatchObject({ ok: false, status: 0, code: "TokenError" });
    expect(stub.calls).toHaveLength(0);
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2025-03-03T09:00:00Z");
  it.each([
    ["2", 2_000],
    ["0.5", 500],
    ["Mon, 03 Mar 2025 09:00:07 GMT", 7_000],
    ["Mon, 03 Mar 2025 08:59:00 GMT", 0],
    ["soon", null],
    [null, null],
  ])("%s → %s ms", (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });
});
