/**
 * A PEP or a care-plan review booked or held, said to the bot in words, through the real
 * CloudAdapter: the record saved (and the alerts it answers closed), a card saying what
 * was saved, a choice when two children match, and a sentence for a role that may not,
 * a missing or impossible date, or a child out of reach. The status, brief and caseload
 * then show what was recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verbPayloadSchema } from "../../cards/verbs.js";
import { outboxAlert } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { botTurn, cardTexts } from "../support/bot-turns.js";
import { cardSchemaAvailable, parseWithAdaptiveCards, validateCard } from "../support/card-schema.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { message, post } from "../support/teams.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;
let reidId: number;

const db = () => t.database.db;
type Who = keyof typeof PEOPLE;
const user = (who: Who) => ({ aadObjectId: aadOf(PEOPLE[who]) });
const say = (who: Who, text: string) => botTurn(t.base, stub, user(who), text);
const facts = (card: unknown) =>
  Object.fromEntries(cardTexts(card).flatMap((s) => (s.includes(": ") ? [s.split(": ")] : [])));

function expectValidCard(card: unknown) {
  expect(card).toBeDefined();
  if (!cardSchemaAvailable) return;
  expect(validateCard(card)).toEqual([]);
  expect(parseWithAdaptiveCards(card).errors).toEqual([]);
}

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, env: { PUBLIC_URL: "https://vs.example.org" } });
  f = await buildSmallAuthority(db());
  // A second Jordan on sw1's caseload, so "Jordan" alone needs a choice for sw1.
  const reid = await db().child.create({
    data: {
      localId: "T005",
      firstName: "Jordan",
      lastName: "Reid",
      dateOfBirth: "2014-02-02",
      placingAuthority: "999",
      lookedAfterSince: "2025-01-06",
    },
  });
  reidId = reid.id;
  await db().allocation.create({
    data: { childId: reid.id, professionalId: f.sw1.id, role: "social_worker", fromDate: "2025-01-06" },
  });
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

describe("a PEP held, in words", () => {
  it("“Jordan's PEP held today” from his DT: saved, his open PEP alert closed, and a card says so", async () => {
    const { alertId } = await outboxAlert(db(), {
      childId: f.jordan.id,
      recipientIds: [f.dtA.id, f.sw1.id],
      raisedAt: new Date(`${TODAY}T07:00:00Z`),
      rule: "pep_initial_overdue",
    });
    const since = (await db().auditEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
    const { cards, messageText } = await say("dtA", "Jordan's PEP held today");
    expect(messageText).toBe("");
    expect(cards).toHaveLength(1);
    expectValidCard(cards[0]);
    expect(cardTexts(cards[0])[0]).toBe("PEP meeting recorded as held");
    expect(facts(cards[0])).toMatchObject({
      Child: "Jordan S.",
      "Held on": "Mon 23 Nov 2026",
      "PEP for": "Initial PEP",
      "Recorded by": "dt.a",
    });
    const json = JSON.stringify(cards[0]);
    expect(json).toContain(`https://vs.example.org/tab#/children/${f.jordan.id}/pep`);
    expect(json).not.toContain("Smith");

    const pep = await db().pep.findFirstOrThrow({ where: { childId: f.jordan.id } });
    expect(pep).toMatchObject({ status: "held", meetingDate: TODAY, term: "initial" });
    const alert = await db().alert.findUniqueOrThrow({ where: { id: alertId }, include: { events: true } });
    expect(alert.status).toBe("resolved");
    expect(alert.events.map((e) => [e.action, e.detail, e.professionalId])).toEqual([
      ["cleared", "pep_held", f.dtA.id],
    ]);
    const audit = await db().auditEvent.findMany({ where: { id: { gt: since } } });
    expect(audit.map((a) => [a.action, a.actorId, a.channel])).toContainEqual(["record_pep", f.dtA.id, "bot"]);
  });

  it("the IRO may not record a PEP: a sentence says who can, and nothing is saved", async () => {
    const before = await db().pep.count();
    const { cards, text } = await say("iro1", "held Jordan's PEP yesterday");
    expect(cards).toEqual([]);
    expect(text).toBe(
      "Only the child's designated teacher, their social worker or the Virtual School can book or record a PEP.",
    );
    expect(await db().pep.count()).toBe(before);
  });

  it("without a date, the bot asks for one", async () => {
    const { text } = await say("dtA", "Jordan's PEP was held");
    expect(text).toBe("When was it held? Say it with the date, e.g. “Jordan's PEP was held today”.");
  });

  it("a child out of reach is not found, and nothing is said about them", async () => {
    const { text, cards } = await say("sw2", "Jordan's PEP was held today");
    expect(cards).toEqual([]);
    expect(text).toMatch(/^I couldn't tell which child you mean among the children you work with/);
  });

  it("in a channel, nothing is recorded and the bot asks to talk 1:1", async () => {
    const activity = message(user("dtA"), stub.url, "Amira's PEP was held today");
    activity.conversation = { ...activity.conversation, id: "19:abc@thread.tacv2", conversationType: "channel" };
    const before = stub.sent().length;
    expect((await post(t.base, activity)).status).toBe(200);
    expect(
      stub
        .sent()
        .slice(before)
        .map((r) => r.body.text),
    ).toEqual([expect.stringMatching(/only shown in a one-to-one chat/)]);
    expect(await db().pep.count({ where: { childId: f.amira.id } })).toBe(0);
  });
});

describe("a PEP booked, in words", () => {
  it("“PEP for Tyler booked for Thursday”: the date read forwards, shown on the status and the caseload", async () => {
    const { cards } = await say("sw1", "PEP for Tyler booked for Thursday");
    expectValidCard(cards[0]);
    expect(cardTexts(cards[0])[0]).toBe("PEP meeting booked");
    expect(facts(cards[0])).toMatchObject({ Child: "Tyler B.", "Booked for": "Thu 26 Nov 2026" });
    expect(await db().pep.findFirstOrThrow({ where: { childId: f.tyler.id } })).toMatchObject({
      status: "booked",
      meetingDate: "2026-11-26",
    });

    const status = await say("sw1", "status Tyler");
    expect(facts(status.cards[0])).toMatchObject({ "PEP booked for": "Thu 26 Nov 2026" });
    const caseload = await say("sw1", "my caseload");
    expect(JSON.stringify(caseload.cards[0])).toContain("PEP booked 26 Nov 2026");
  });
});

describe("a care-plan review, in words", () => {
  it("“review for Jordan Smith booked 12 Dec” from his IRO: booked, and the status shows it against the statutory date", async () => {
    const { cards } = await say("iro1", "review for Jordan Smith booked 12 Dec");
    expectValidCard(cards[0]);
    expect(cardTexts(cards[0])[0]).toBe("Care-plan review booked");
    expect(facts(cards[0])).toMatchObject({
      Child: "Jordan S.",
      "Booked for": "Sat 12 Dec 2026",
      "Recorded by": "iro1",
    });
    const review = await db().careReview.findFirstOrThrow({ where: { childId: f.jordan.id } });
    expect(review).toMatchObject({ date: "2026-12-12", status: "planned", bookedById: f.iro1.id });

    // No review has been held since Jordan came into care in January 2024: overdue, now booked.
    const status = await say("iro1", "status Jordan Smith");
    expect(facts(status.cards[0])["Next review"]).toMatch(/^Overdue since \d+ \w+ 2024; booked for 12 Dec 2026$/);
    const brief = await say("iro1", "brief Jordan Smith");
    expect(facts(brief.cards[0])["Next review"]).toMatch(/booked for 12 Dec 2026$/);
    expect(facts(brief.cards[0])).toMatchObject({ "Last PEP meeting": "23 Nov 2026" });
  });

  it("“Jordan's review is on 14 December” from the social worker: two Jordans, a choice, then the one chosen is moved", async () => {
    const { cards } = await say("sw1", "Jordan's review is on 14 December");
    expectValidCard(cards[0]);
    expect(cardTexts(cards[0])[0]).toBe("2 children match. Whose care-plan review is booked for Mon 14 Dec 2026?");
    const choices = ((cards[0] as { actions?: { title: string; data: unknown }[] }).actions ?? []).map((a) => ({
      title: a.title,
      data: verbPayloadSchema.parse(a.data),
    }));
    expect(choices.map((c) => c.title).sort()).toEqual(["Jordan R.", "Jordan S."]);
    const smith = choices.find((c) => c.title === "Jordan S.");

    const before = stub.sent().length;
    expect((await post(t.base, message(user("sw1"), stub.url, "", smith?.data))).status).toBe(200);
    const [saved] = stub.sent().slice(before);
    const card = saved?.body.attachments?.[0]?.content;
    expectValidCard(card);
    expect(facts(card)).toMatchObject({
      Child: "Jordan S.",
      "Booked for": "Mon 14 Dec 2026",
      "Moved from": "12 Dec 2026",
    });
    expect(await db().careReview.findMany({ where: { childId: f.jordan.id } })).toEqual([
      expect.objectContaining({ date: "2026-12-14", status: "planned" }),
    ]);
    expect(await db().careReview.count({ where: { childId: reidId } })).toBe(0);
  });

  it("a designated teacher may not book a review", async () => {
    const { text } = await say("dtA", "review for Jordan booked 15 Dec");
    expect(text).toBe(
      "Only the IRO, the child's social worker or the Virtual School can book or record a care-plan review.",
    );
  });

  it("held on a day still to come is refused with the service's sentence", async () => {
    const { text, cards } = await say("iro1", "Jordan Smith's review was held on 1 December");
    expect(cards).toEqual([]);
    expect(text).toMatch(/today or earlier/);
  });

  it("“Jordan's review was held yesterday” from the IRO: the booking becomes the review held", async () => {
    const { cards } = await say("iro1", "Jordan's review was held yesterday");
    expectValidCard(cards[0]);
    expect(cardTexts(cards[0])[0]).toBe("Care-plan review recorded as held");
    expect(facts(cards[0])).toMatchObject({ Child: "Jordan S.", "Held on": "Sun 22 Nov 2026" });
    const reviews = await db().careReview.findMany({ where: { childId: f.jordan.id }, orderBy: { date: "asc" } });
    expect(reviews.map((r) => [r.date, r.status])).toEqual([["2026-11-22", "held"]]);
  });
});
