/**
 * Self-test of the Teams harness: the real CloudAdapter behind Fastify, inbound tokens
 * signed by the local key set, outgoing calls landing on the connector stub. It also pins
 * down what botbuilder itself does when the connector fails, because the alert sender's
 * own retries sit on top of botbuilder's.
 */
import type { AddressInfo } from "node:net";
import {
  type Activity,
  ActivityHandler,
  type Response as BotResponse,
  CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from "botbuilder";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type BotAuthServer, startBotAuthServer, testBotFrameworkAuthentication } from "../support/bot-auth.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";

const APP_ID = "00000000-0000-0000-0000-00000000b070";
const TENANT = "11111111-1111-1111-1111-111111111111";
const CONVERSATION = "a:1xyz;messageid=1";
const BOT = { id: `28:${APP_ID}`, name: "Virtual School" };
const USER = { id: "29:1abcUser", name: "Sam Worker", aadObjectId: "22222222-2222-2222-2222-222222222222" };

/**
 * botbuilder's `process` calls `status(code)`, then `send(body)` when there is a body, then
 * `end()`; it checks that `header` exists but never calls it. Fastify sends on `send`, so
 * the body waits for `end`.
 */
function expressLike(reply: FastifyReply): BotResponse {
  let body: unknown;
  const res: BotResponse = {
    socket: reply.raw.socket,
    status: (code) => reply.code(code),
    header: (name, value) => reply.header(name, String(value)),
    send: (...args) => {
      body = args[0];
      return res;
    },
    end: () => reply.send(body),
  };
  return res;
}

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text}`);
      await next();
    });
  }
}

let stub: ConnectorStub;
let auth: BotAuthServer;
let adapter: CloudAdapter;
let app: FastifyInstance;
let botUrl: string;

beforeAll(async () => {
  [stub, auth] = await Promise.all([startConnectorStub(), startBotAuthServer()]);
  adapter = new CloudAdapter(testBotFrameworkAuthentication(APP_ID, auth));
  const bot = new EchoBot();
  app = Fastify();
  app.post("/api/messages", async (req, reply) => {
    const request = { body: req.body as Record<string, unknown>, headers: req.headers, method: req.method };
    await adapter.process(request, expressLike(reply), (context: TurnContext) => bot.run(context));
    return reply;
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  botUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/messages`;
});
afterAll(async () => {
  await app?.close();
  await Promise.all([stub?.close(), auth?.close()]);
});
beforeEach(() => {
  stub.reset();
  // botbuilder logs every refused token and failed turn; the assertions say what matters.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  return () => vi.restoreAllMocks();
});

function message(text: string): Partial<Activity> {
  return {
    type: "message",
    id: "1700000000001",
    channelId: "msteams",
    serviceUrl: stub.url,
    timestamp: new Date(),
    conversation: { id: CONVERSATION, conversationType: "personal", tenantId: TENANT, isGroup: false, name: "" },
    from: USER,
    recipient: BOT,
    channelData: { tenant: { id: TENANT } },
    text,
  };
}

function post(activity: Partial<Activity>, token?: string): Promise<globalThis.Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return fetch(botUrl, { method: "POST", headers, body: JSON.stringify(activity) });
}

const goodToken = () => auth.sign({ appId: APP_ID, serviceUrl: stub.url });
const reference = (): Partial<ConversationReference> => ({
  channelId: "msteams",
  serviceUrl: stub.url,
  conversation: { id: CONVERSATION, conversationType: "personal", tenantId: TENANT, isGroup: false, name: "" },
  bot: BOT,
  user: USER,
});
const proactive = (text: string) =>
  adapter.continueConversationAsync(APP_ID, reference(), async (context) => {
    await context.sendActivity(text);
  });

describe("inbound authentication", () => {
  it("accepts a good token; the echo reaches the stub as a reply to the message", async () => {
    const res = await post(message("hello"), await goodToken());
    expect(res.status).toBe(200);
    const [reply] = await stub.waitFor((c) => c.kind === "reply");
    expect(reply).toMatchObject({
      method: "POST",
      conversationId: CONVERSATION,
      replyToId: "1700000000001",
      rejected: false,
      body: { type: "message", text: "echo: hello", replyToId: "1700000000001", conversation: { id: CONVERSATION } },
    });
    // The offline credentials sign nothing.
    expect(reply?.authorization).toBeUndefined();
  });

  const refused: [string, () => Promise<string | undefined>][] = [
    ["no token", async () => undefined],
    [
      "a token signed by a key outside the key set",
      () => auth.sign({ appId: APP_ID, serviceUrl: stub.url, key: "other" }),
    ],
    ["an expired token", () => auth.sign({ appId: APP_ID, serviceUrl: stub.url, expiresInSeconds: -600 })],
    ["a token for another app", () => auth.sign({ appId: "another-app", serviceUrl: stub.url })],
    ["a token from another issuer", () => auth.sign({ appId: APP_ID, serviceUrl: stub.url, issuer: "https://evil" })],
    ["a token for another serviceUrl", () => auth.sign({ appId: APP_ID, serviceUrl: "https://smba.example/" })],
    ["something that is not a JWT", async () => "not-a-jwt"],
  ];
  it.each(refused)("refuses %s with 401 and sends nothing", async (_, token) => {
    const res = await post(message("hello"), await token());
    expect(res.status).toBe(401);
    expect(stub.calls).toEqual([]);
  });

  it("refuses a forgery naming the published key, but botbuilder answers 500, not 401", async () => {
    // jsonwebtoken's "invalid signature" is not an AuthenticationError, so CloudAdapter maps it to 500.
    const token = await auth.sign({ appId: APP_ID, serviceUrl: stub.url, key: "other", kid: auth.keyId });
    const res = await post(message("hello"), token);
    expect(res.status).toBe(500);
    expect(stub.calls).toEqual([]);
  });
});

describe("botbuilder's own retries (its HTTP pipeline: 3 retries at most)", () => {
  it("retries a 503 on a reply once after 0.5–1 s of backoff; Teams then gets 200", async () => {
    stub.inject({ status: 503, times: 1 });
    const res = await post(message("again"), await goodToken());
    expect(res.status).toBe(200);
    const [failed, delivered] = stub.calls;
    expect([failed?.status, delivered?.status]).toEqual([503, 201]);
    expect((delivered?.at ?? 0) - (failed?.at ?? 0)).toBeGreaterThanOrEqual(450);
    expect(stub.sent().map((c) => c.body.text)).toEqual(["echo: again"]);
  });

  it("honours Retry-After on 429 and 503, gives up after 4 attempts, and the turn fails with 500", async () => {
    stub.inject({ status: 503, times: 4, retryAfterSeconds: 1 });
    const res = await post(message("lost"), await goodToken());
    expect(res.status).toBe(500);
    const at = stub.calls.map((c) => c.at);
    expect(stub.calls.map((c) => c.status)).toEqual([503, 503, 503, 503]);
    for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("a proactive send retries a 429 after Retry-After and is delivered", async () => {
    stub.inject({ status: 429, times: 1, retryAfterSeconds: 1 });
    await proactive("alert");
    expect(stub.calls.map((c) => c.status)).toEqual([429, 201]);
    // continueConversationAsync's event gets a random id, so botbuilder posts a reply to it.
    expect(stub.sent()).toMatchObject([{ kind: "reply", replyToId: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
  });

  it.each([
    [403, "ConversationBlockedByUser"],
    [404, "ConversationNotFound"],
    [412, "PreconditionFailed"],
    [413, "MessageSizeTooBig"],
  ] as const)(
    "does not retry %i; the RestError carries statusCode and the Bot Framework code",
    async (status, code) => {
      stub.inject({ status });
      await expect(proactive("alert")).rejects.toMatchObject({ name: "RestError", statusCode: status, code });
      expect(stub.calls).toHaveLength(1);
    },
  );
});

describe("connector stub", () => {
  it("serves botbuilder's create, reply, update and delete, with the same 1:1 chat for the same user", async () => {
    const tenant = { tenantId: TENANT, channelData: { tenant: { id: TENANT } } };
    const params: ConversationParameters = { isGroup: false, bot: BOT, members: [USER], ...tenant };
    const created: string[] = [];
    const logic = async (context: TurnContext) => {
      created.push(context.activity.conversation.id);
      const sent = await context.sendActivity("hi");
      await context.updateActivity({ ...context.activity, type: "message", id: sent?.id, text: "edited" });
      await context.deleteActivity(sent?.id ?? "");
    };
    for (let i = 0; i < 2; i++) {
      await adapter.createConversationAsync(APP_ID, "msteams", stub.url, "https://api.botframework.com", params, logic);
    }
    expect(created[0]).toMatch(/^a:[0-9a-f-]{36}$/);
    expect(created[1]).toBe(created[0]);
    const [create, reply, update, remove] = stub.calls;
    expect(create).toMatchObject({ kind: "create", conversationId: created[0], body: { tenantId: TENANT } });
    // botbuilder replies to the synthetic createConversation event, whose id is the conversation's.
    expect(reply).toMatchObject({ kind: "reply", replyToId: created[0], body: { text: "hi" } });
    expect(update).toMatchObject({ method: "PUT", activityId: reply?.activityId, body: { text: "edited" } });
    expect(remove).toMatchObject({ method: "DELETE", kind: "delete", activityId: reply?.activityId });
  });

  it("decodes channel thread ids and says what arrived when a wait times out", async () => {
    const thread = "19:abc@thread.tacv2;messageid=1700000000000";
    await fetch(`${stub.url}v3/conversations/${encodeURIComponent(thread)}/activities`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "message", text: "to the channel" }),
    });
    expect(stub.sent()[0]).toMatchObject({ kind: "send", conversationId: thread, activityId: "1" });
    await expect(stub.waitFor((c) => c.kind === "update", { timeoutMs: 50 })).rejects.toThrow(
      /got 0:\n {2}POST send 19:abc@thread.tacv2;messageid=1700000000000 → 201 "to the channel"/,
    );
  });

  it("fails a seeded share of calls, the same ones each run", async () => {
    const run = async () => {
      stub.reset();
      stub.inject({ status: 502, ratio: 0.3, seed: 7 });
      for (let i = 0; i < 100; i++) await sendDirect(stub, `c${i}`, `m${i}`);
      return stub.calls.filter((c) => c.rejected).map((c) => c.body.text);
    };
    const first = await run();
    expect(first.length).toBeGreaterThan(15);
    expect(first.length).toBeLessThan(45);
    expect(await run()).toEqual(first);
  });
});

function sendDirect(target: ConnectorStub, conversationId: string, text: string): Promise<globalThis.Response> {
  return fetch(`${target.url}v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "message", text }),
  });
}

describe("connector stub with Teams' limits", () => {
  let limited: ConnectorStub;
  beforeAll(async () => {
    limited = await startConnectorStub({ limits: true });
  });
  afterAll(() => limited?.close());
  beforeEach(() => limited.reset());

  it("accepts 7 of 20 sends to one conversation within a second; the rest get 429 with Retry-After", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => sendDirect(limited, CONVERSATION, `m${i}`)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(7);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(13);
    for (const r of refused) expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.stats()).toMatchObject({ accepted: 7, rejected: { 429: 13 }, perConversationMaxPerSecond: 7 });
    expect(limited.calls.filter((c) => c.rejected).every((c) => (c.retryAfterSeconds ?? 0) >= 1)).toBe(true);
  });

  it("allows only 8 in 2 seconds: after a full second, one more fits, not two", async () => {
    for (let i = 0; i < 7; i++) expect((await sendDirect(limited, CONVERSATION, `a${i}`)).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1_050));
    expect((await sendDirect(limited, CONVERSATION, "b1")).status).toBe(201);
    expect((await sendDirect(limited, CONVERSATION, "b2")).status).toBe(429);
  });

  it("caps the app at 50 a second across conversations", async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => sendDirect(limited, `a:user${i}`, "alert")));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(50);
    expect(limited.stats()).toMatchObject({ accepted: 50, maxPerSecond: 50, perConversationMaxPerSecond: 1 });
  });
});
