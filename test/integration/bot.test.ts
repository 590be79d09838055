/**
 * The bot at protocol level: the real server on an ephemeral port, Activities posted to
 * /api/messages as Teams posts them, the bot's answers caught by a Bot Connector stub.
 * Each command for each role, the install flow, the log dialog over several turns (and
 * across a restart), and every card checked against the official 1.5 schema.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createReferenceRepo } from "../../bot/references.repo.js";
import { verbPayloadSchema } from "../../cards/verbs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { wordsOf } from "../support/bot-turns.js";
import { cardSchemaAvailable, parseWithAdaptiveCards, validateCard } from "../support/card-schema.js";
import { type ConnectorStub, type RecordedCall, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { botAdded, installation, message, post, type TeamsUser } from "../support/teams.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

const user = (who: keyof typeof PEOPLE): TeamsUser => ({ aadObjectId: aadOf(PEOPLE[who]) });
const stranger: TeamsUser = { aadObjectId: "aad-not-registered" };

type Card = { body?: unknown[]; actions?: { data?: unknown }[] };
const cardOf = (c: RecordedCall): Card | undefined => c.body.attachments?.[0]?.content as Card | undefined;

/** Sends one activity and returns what the bot showed during that turn (new messages, and cards it updated in place). */
async function say(who: TeamsUser, text: string, value?: object) {
  const before = stub.shown().length;
  const res = await post(t.base, message(who, stub.url, text, value));
  expect(res.status).toBe(200);
  const replies = stub.shown().slice(before);
  return {
    replies,
    text: wordsOf(replies),
    cards: replies.flatMap((r) => cardOf(r) ?? []),
  };
}
const json = (x: unknown) => JSON.stringify(x);

/**
 * A personal conversation the bot has never seen: the install tests each start one, since
 * the bot welcomes only in a conversation it does not know yet.
 */
function newConversation() {
  const id = `a:1new-${randomUUID()}`;
  return <A extends { conversation: object }>(activity: A): A => ({
    ...activity,
    conversation: { ...activity.conversation, id },
  });
}

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, env: { PUBLIC_URL: "https://vs.example.org" } });
  f = await buildSmallAuthority(t.database.db);
  // A second Jordan on sw1's caseload, so "status Jordan" needs a choice.
  const reid = await t.database.db.child.create({
    data: {
      localId: "T005",
      firstName: "Jordan",
      lastName: "Reid",
      dateOfBirth: "2014-02-02",
      placingAuthority: "999",
    },
  });
  await t.database.db.allocation.create({
    data: { childId: reid.id, professionalId: f.sw1.id, role: "social_worker", fromDate: "2025-01-01" },
  });
});
afterAll(async () => {
  await t.close();
  await stub.close();
});
// Each test starts from the factories' record: no action logged (a status card lists the
// latest), no reminder raised, no dialog left open; and the connector has heard nothing.
beforeEach(async () => {
  stub.reset();
  await t.database.db.actionLog.deleteMany();
  await t.database.db.alert.deleteMany();
  await t.database.db.botState.deleteMany();
});

describe("install", () => {
  it("stores the conversation reference and welcomes a known professional for their role", async () => {
    const install = newConversation()(installation(user("dtA"), stub.url));
    const res = await post(t.base, install);
    expect(res.status).toBe(200);
    const [welcome] = await stub.waitFor((c) => c.kind !== "create");
    expect(json(cardOf(welcome!))).toMatch(/Designated teacher/);
    expect(json(cardOf(welcome!))).toMatch(/my pupils/);
    const ref = await t.database.db.conversationReference.findFirst({
      where: { aadObjectId: aadOf(PEOPLE.dtA), conversationId: install.conversation.id },
    });
    expect(ref).toMatchObject({ professionalId: f.dtA.id, serviceUrl: stub.url, tenantId: "tenant-1", usable: true });
    expect(JSON.parse(ref!.reference)).toMatchObject({ conversation: { id: ref!.conversationId } });
  });

  it("welcomes once: Teams sends both an installationUpdate and a conversationUpdate", async () => {
    const conversation = newConversation();
    expect((await post(t.base, conversation(botAdded(user("dtA"), stub.url)))).status).toBe(200);
    expect((await post(t.base, conversation(installation(user("dtA"), stub.url)))).status).toBe(200);
    // A later turn's answer is the second thing the connector hears: one welcome came before it, not two.
    expect((await post(t.base, conversation(message(user("dtA"), stub.url, "help")))).status).toBe(200);
    const [welcome, help, ...more] = stub.sent();
    expect(more).toEqual([]);
    expect(json(cardOf(welcome!))).toMatch(/Welcome/);
    expect(json(cardOf(help!))).not.toMatch(/Welcome/);
  });

  it("welcomes once when both arrive together, as Teams sends them on install", async () => {
    const conversation = newConversation();
    const both = await Promise.all([
      post(t.base, conversation(botAdded(user("dtA"), stub.url))),
      post(t.base, conversation(installation(user("dtA"), stub.url))),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect((await post(t.base, conversation(message(user("dtA"), stub.url, "help")))).status).toBe(200);
    const welcomes = stub.sent().filter((c) => /Welcome/.test(json(cardOf(c))));
    expect(welcomes).toHaveLength(1);
    // Which of the two welcomes is decided by the database, not by timing: of claims made
    // at once (PostgreSQL runs them truly in parallel), exactly one wins.
    const references = createReferenceRepo(t.database.db);
    const claims = await Promise.all(Array.from({ length: 6 }, () => references.claimWelcome("a:claimed-at-once")));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("does the same when the bot is added to a conversation", async () => {
    await post(t.base, newConversation()(botAdded(user("iro1"), stub.url)));
    const [welcome] = await stub.waitFor(() => true);
    expect(json(cardOf(welcome!))).toMatch(/Independent Reviewing Officer/);
  });

  it("refuses politely, with no data, someone the Virtual School does not know", async () => {
    const install = newConversation()(installation(stranger, stub.url));
    await post(t.base, install);
    const [reply] = await stub.waitFor(() => true);
    expect(reply!.body.text).toMatch(/don't recognise you/);
    expect(reply!.body.attachments ?? []).toEqual([]);
    const ref = await t.database.db.conversationReference.findFirst({
      where: { aadObjectId: stranger.aadObjectId, conversationId: install.conversation.id },
    });
    expect(ref?.professionalId).toBeNull();
  });

  it("tells a stranger who asks for a child nothing, and audits nothing", async () => {
    const before = await t.database.db.auditEvent.count();
    const { text, cards } = await say(stranger, "status Jordan");
    expect(text).toMatch(/don't recognise you/);
    expect(cards).toEqual([]);
    expect(await t.database.db.auditEvent.count()).toBe(before);
  });
});

describe("status, for each role", () => {
  it.each([
    ["vsh", true],
    ["sw2", false],
    ["dtA", true],
    ["dtB", false],
    ["iro1", true],
  ] as const)("status Jordan Smith as %s", async (who, allowed) => {
    const { text, cards } = await say(user(who), "status Jordan Smith");
    if (!allowed) {
      expect(cards).toEqual([]);
      expect(text).toBe("I couldn't find a child matching “Jordan Smith” among the children you work with.");
      return;
    }
    expect(cards).toHaveLength(1);
    const card = json(cards[0]);
    expect(card).toContain("Jordan S.");
    expect(card).not.toContain("Smith");
    expect(card).not.toContain(f.jordan.upn!);
    expect(card).not.toContain("2015-05-01");
    expect(card).not.toContain("1 May 2015");
    expect(card).toContain(`https://vs.example.org/tab#/children/${f.jordan.id}`);
  });

  it("offers a choice when two children match, and the choice opens the status", async () => {
    const { cards } = await say(user("sw1"), "STAUTS jordan");
    const choices = (cards[0]?.actions ?? []).map((a) => verbPayloadSchema.parse(a.data));
    expect(choices).toHaveLength(2);
    // Each choice names the child's school (read only for a choice: one child needs no school).
    expect(json(cards[0])).toContain(`Jordan S. – ${f.schoolA.name}`);
    // The names on the choice card are a read of both children: audited.
    const shown = await t.database.db.auditEvent.findMany({
      where: { actorId: f.sw1.id, action: "search", channel: "bot" },
      orderBy: { id: "desc" },
      take: 2,
    });
    expect(shown.map((a) => a.childId).sort()).toEqual(choices.map((c) => ("childId" in c ? c.childId : 0)).sort());
    const smith = choices.find((c) => "childId" in c && c.childId === f.jordan.id);
    expect(smith).toBeDefined();
    const opened = await say(user("sw1"), "", smith);
    expect(json(opened.cards[0])).toContain("Jordan S.");
  });

  it("audits each read with the bot as the channel", async () => {
    await say(user("iro1"), "status Jordan Smith");
    const last = await t.database.db.auditEvent.findFirst({ orderBy: { id: "desc" } });
    expect(last).toMatchObject({ actorId: f.iro1.id, childId: f.jordan.id, action: "read_status", channel: "bot" });
  });

  it("a card button for a child outside your scope finds nothing", async () => {
    const { text, cards } = await say(user("sw2"), "", { verb: "status.open", childId: f.jordan.id });
    expect(cards).toEqual([]);
    expect(text).toMatch(/couldn't find/);
  });
});

describe("in a channel or group chat", () => {
  it("shows no child's information, only says to ask 1:1", async () => {
    const channel = { ...message(user("dtA"), stub.url, "status Jordan Smith") };
    channel.conversation = { ...channel.conversation, id: "19:abc@thread.tacv2", conversationType: "channel" };
    const before = stub.sent().length;
    expect((await post(t.base, channel)).status).toBe(200);
    const replies = stub.sent().slice(before);
    expect(replies.map((r) => r.body.text)).toEqual([expect.stringMatching(/only shown in a one-to-one chat/)]);
    expect(replies[0]?.body.attachments ?? []).toEqual([]);
  });
});

describe("caseload, brief, alerts, help", () => {
  it.each([
    ["sw1", "my caseload", ["Jordan S.", "Jordan R.", "Tyler B."], ["Amira"]],
    ["dtA", "my pupils", ["Jordan S."], ["Tyler", "Amira"]],
    ["iro1", "my children", ["Jordan S."], ["Amira"]],
    ["vsh", "My Casload", ["Jordan S.", "Amira K.", "Tyler B.", "Leah M."], []],
  ] as const)("%s: %s", async (who, text, present, absent) => {
    const { cards } = await say(user(who), text);
    const card = json(cards[0]);
    for (const name of present) expect(card).toContain(name);
    for (const name of absent) expect(card).not.toContain(name);
  });

  it("flags a child without a school place on the caseload", async () => {
    const { cards } = await say(user("sw1"), "my caseload");
    expect(json(cards[0])).toMatch(/No school place/);
  });

  it("gives the IRO a brief, and nobody else outside their scope", async () => {
    const { cards } = await say(user("iro1"), "brief Jordan Smith");
    expect(json(cards[0])).toMatch(/brief/i);
    expect(json(cards[0])).toContain("Jordan S.");
    const refused = await say(user("sw2"), "brief Jordan Smith");
    expect(refused.cards).toEqual([]);
  });

  it("answers help, a greeting and nonsense", async () => {
    expect(json((await say(user("sw1"), "hlep")).cards[0])).toMatch(/my caseload/);
    expect(json((await say(user("sw1"), "hello")).cards[0])).toMatch(/Social worker/);
    expect((await say(user("sw1"), "what's the weather")).text).toMatch(/didn't understand/);
  });
});

describe("logging an action in conversation", () => {
  it("asks for what is missing over several turns, and saves with a reminder", async () => {
    const first = await say(user("sw1"), "log rang the school");
    expect(first.text).toMatch(/Which child/);

    const second = await say(user("sw1"), "Tyler");
    expect(json(second.cards[0])).toContain("Tyler B.");
    expect(json(second.cards[0])).toMatch(/Contact with school/);

    const edited = await say(user("sw1"), "", {
      verb: "log.edit",
      text: "Rang the school about Tyler's place, follow up Friday",
    });
    expect(json(edited.cards[0])).toContain("Fri 27 Nov 2026");

    const saved = await say(user("sw1"), "", { verb: "log.save" });
    expect(json(saved.cards[0])).toMatch(/saved/i);

    const action = await t.database.db.actionLog.findFirst({ where: { childId: f.tyler.id }, orderBy: { id: "desc" } });
    expect(action).toMatchObject({
      text: "Rang the school about Tyler's place, follow up Friday",
      followUpDate: "2026-11-27",
      source: "bot",
      professionalId: f.sw1.id,
    });
    const reminder = await t.database.db.alert.findUnique({
      where: { dedupeKey: `follow_up:action:${action!.id}` },
      include: { deliveries: true },
    });
    expect(reminder?.deliveries.map((d) => d.professionalId)).toEqual([f.sw1.id]);

    const alerts = await say(user("sw1"), "alerts");
    expect(json(alerts.cards[0])).toMatch(/Follow-up due Fri 27 Nov 2026/);
    const status = await (await t.call("GET", `/api/children/${f.tyler.id}/status`, { as: PEOPLE.sw1 })).json();
    expect(status.recentActions[0].text).toBe(action!.text);
  });

  it("resolves the child from the sentence and asks which one when two share a name", async () => {
    const { cards } = await say(user("sw1"), "log emailed Jordan's carer");
    const choices = (cards[0]?.actions ?? []).map((a) => verbPayloadSchema.parse(a.data));
    expect(choices.map((c) => c.verb)).toEqual(["log.child", "log.child"]);
    const confirm = await say(
      user("sw1"),
      "",
      choices.find((c) => "childId" in c && c.childId === f.jordan.id),
    );
    expect(json(confirm.cards[0])).toMatch(/Contact with carer/);
    const cancelled = await say(user("sw1"), "", { verb: "log.cancel" });
    expect(cancelled.text).toMatch(/nothing was saved/);
    expect(await t.database.db.actionLog.count({ where: { text: "emailed Jordan's carer" } })).toBe(0);
  });

  it("keeps the draft in the database: a restarted server continues the dialog", async () => {
    await say(user("dtA"), "log spoke to Jordan Smith's carer about lateness");
    const state = await t.database.db.botState.findMany();
    expect(json(state)).toMatch(/logAction/);

    // A new app over the same database file: nothing of the first one's memory survives.
    const restarted = await startTestApp({ today: TODAY, database: t.database });
    try {
      const before = stub.shown().length;
      await post(restarted.base, message(user("dtA"), stub.url, "", { verb: "log.save" }));
      const reply = stub.shown().slice(before);
      expect(json(reply.map(cardOf))).toMatch(/saved/i);
    } finally {
      await restarted.close();
    }
    const saved = await t.database.db.actionLog.findFirst({
      where: { professionalId: f.dtA.id },
      orderBy: { id: "desc" },
    });
    expect(saved).toMatchObject({ childId: f.jordan.id, category: "attendance", followUpDate: null });
  });

  it("sets the draft aside when another command comes instead of an answer", async () => {
    await say(user("sw1"), "log rang the school");
    const next = await say(user("sw1"), "my caseload");
    expect(next.text).toMatch(/set that note aside/);
    expect(next.cards).toHaveLength(1);
  });

  it("never saves for a child the person cannot see", async () => {
    const { text } = await say(user("sw2"), "log rang Tyler's carer");
    expect(text).toMatch(/Which child/);
    const named = await say(user("sw2"), "Tyler Brooks");
    expect(named.text).toMatch(/couldn't find a child matching “Tyler Brooks”/);
    await say(user("sw2"), "cancel");
  });
});

/** Turns that between them get every card the bot answers with: one card each. */
const CARD_TURNS: [who: keyof typeof PEOPLE, text: string, value?: object][] = [
  ["sw1", "hello"], // welcome
  ["sw1", "help"],
  ["vsh", "status Jordan Smith"],
  ["dtA", "status Jordan Smith"],
  ["sw1", "status jordan"], // a choice of two children
  ["sw1", "my caseload"],
  ["dtA", "my pupils"],
  ["vsh", "my caseload"],
  ["iro1", "brief Jordan Smith"],
  ["sw1", "log rang the school about Tyler, follow up Friday"], // the draft to confirm
  ["sw1", "", { verb: "log.save" }],
  ["sw1", "alerts"], // the reminder just saved
];

describe("every card the bot sent", () => {
  it.skipIf(!cardSchemaAvailable)(
    "validates against the Adaptive Card 1.5 schema and parses with adaptivecards",
    async () => {
      const sentCards: Card[] = [];
      for (const [who, text, value] of CARD_TURNS) {
        const { cards } = await say(user(who), text, value);
        expect(cards).toHaveLength(1);
        sentCards.push(...cards);
      }
      expect(sentCards.length).toBeGreaterThan(10);
      for (const card of sentCards) {
        expect(validateCard(card)).toEqual([]);
        expect(parseWithAdaptiveCards(card).errors).toEqual([]);
      }
    },
  );
});
