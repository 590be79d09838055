/**
 * Issue 12, item 1, as people talk: "log" conversations over the real protocol, per role.
 * A date that says when something happened is the action's date; only a cued future date
 * ("follow up", "chase", "remind me") is the reminder; an odd follow-up (past, weekend,
 * school holiday or bank holiday, more than a term away) is questioned on the card; Edit
 * changes the child, category and both dates; Save or Cancel replace the card in place;
 * the Log action on an alert card reads the words the same way. What is saved is read back
 * from the database. Mon 23 Nov 2026; the autumn term ends Fri 18 Dec.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { londonDateOf } from "../../core/platform/dates.js";
import { answerCard, outboxAlert } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { cardTexts } from "../support/bot-turns.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { actionsOf, conversation, type Seen } from "../support/conversation.js";
import { aadOf, buildSmallAuthority, createTestChild, type Fixture, PEOPLE, TODAY } from "../support/factories.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;
let kaiId: number;

type Who = keyof typeof PEOPLE;
const as = (who: Who) => conversation(t.base, stub, { aadObjectId: aadOf(PEOPLE[who]) });
/** The card's facts as { Child, Category, Happened, "Follow up", … }. */
const facts = (card: unknown) =>
  Object.fromEntries(cardTexts(card).flatMap((s) => (/^[\w -]+: /.test(s) ? [s.split(/: (.*)/s).slice(0, 2)] : [])));
const questionsOn = (card: unknown) => cardTexts(card).filter((s) => s.startsWith("The follow-up,"));
/** The confirmation card and the message id it was sent with (later turns update that message). */
const confirmation = (seen: Seen) => {
  const call = seen.calls.find((c) => c.kind !== "update" && c.body.attachments?.length);
  expect(cardTexts(call?.body.attachments?.[0]?.content)[0]).toBe("Log this action?");
  return { card: call?.body.attachments?.[0]?.content, id: call?.activityId };
};
const lastAction = (professionalId: number) =>
  t.database.db.actionLog.findFirstOrThrow({ where: { professionalId }, orderBy: { id: "desc" } });

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, time: "10:00", env: { PUBLIC_URL: "https://vs.example.org" } });
  const db = t.database.db;
  f = await buildSmallAuthority(db);
  const kai = await createTestChild(db, { localId: "T010", firstName: "Kai", lastName: "Walker", serial: 10 });
  kaiId = kai.id;
  await db.enrolment.create({
    data: { childId: kai.id, schoolId: f.schoolA.id, fromDate: "2022-09-01", yearGroup: "6" },
  });
  await db.allocation.create({
    data: { childId: kai.id, professionalId: f.sw1.id, role: "social_worker", fromDate: "2024-01-15" },
  });
});
afterAll(async () => {
  await t.close();
  await stub.close();
});
beforeEach(async () => {
  await t.database.db.botState.deleteMany();
});

describe("when it happened, and a follow-up only when cued", () => {
  it("a social worker: “met Kai's DT on 20 November” is the action's date, no reminder; saved, the card replaced", async () => {
    const sw = as("sw1");
    const { card, id } = confirmation(await sw.say("log met Kai's DT on 20 November"));
    expect(facts(card)).toEqual({ Child: "Kai W.", Category: "Meeting", Happened: "Fri 20 Nov 2026" });
    const saved = await sw.press(actionsOf(card).find((a) => a.title === "Save"));
    // The same message, updated: no live Save/Edit/Cancel left behind.
    expect(saved.calls.map((c) => [c.kind, c.activityId])).toEqual([["update", id]]);
    expect(cardTexts(saved.cards[0])[0]).toBe("Action saved");
    expect(actionsOf(saved.cards[0]).map((a) => a.title)).toEqual(["Open in the tab"]);
    const action = await lastAction(f.sw1.id);
    expect(action).toMatchObject({ childId: kaiId, followUpDate: null, category: "meeting" });
    expect(londonDateOf(action.at)).toBe("2026-11-20");
    expect((await sw.say("thanks")).text).toBe("You're welcome.");
  });

  it("a social worker: “visited Amira on Thursday” is last Thursday; Cancel saves nothing", async () => {
    const sw = as("sw2");
    const { card, id } = confirmation(await sw.say("log visited Amira on Thursday"));
    expect(facts(card)).toMatchObject({ Child: "Amira K.", Happened: "Thu 19 Nov 2026" });
    expect(facts(card)["Follow up"]).toBeUndefined();
    const cancelled = await sw.press(actionsOf(card).find((a) => a.title === "Cancel"));
    // The card becomes "Not saved" (Teams refuses an update into text and a card at once), then the sentence.
    expect(cancelled.calls.map((c) => c.kind)).toEqual(["update", "reply"]);
    expect(cancelled.calls[0]?.activityId).toBe(id);
    expect(cancelled.calls[0]?.body.text ?? "").toBe("");
    expect(cancelled.calls[1]?.body.text).toBe("OK, nothing was saved.");
    expect(cardTexts(cancelled.cards[0])[0]).toBe("Not saved");
    expect(actionsOf(cancelled.cards[0])).toEqual([]);
    expect(await t.database.db.actionLog.count({ where: { childId: f.amira.id } })).toBe(0);
  });

  it("a social worker: “rang Kai's carer today, chase next Tuesday”: today, and a reminder on Tue 1 Dec", async () => {
    const sw = as("sw1");
    const { card } = confirmation(await sw.say("log rang Kai's carer today, chase next Tuesday"));
    expect(facts(card)).toMatchObject({ Happened: "Mon 23 Nov 2026 (today)", "Follow up": "Tue 1 Dec 2026" });
    expect(questionsOn(card)).toEqual([]);
    await sw.press(actionsOf(card).find((a) => a.title === "Save"));
    const action = await lastAction(f.sw1.id);
    expect(action).toMatchObject({ followUpDate: "2026-12-01", category: "contact_carer" });
    expect(londonDateOf(action.at)).toBe(TODAY);
    const alerts = await sw.say("alerts");
    expect(cardTexts(alerts.cards[0]).join("\n")).toContain("Tue 1 Dec 2026");
  });

  it("a social worker, in their own words without “log”: “rang the carer about Amira's PEP, follow up Friday”", async () => {
    const sw = as("sw2");
    const { card } = confirmation(await sw.say("rang the carer about Amira's PEP, follow up Friday"));
    expect(facts(card)).toMatchObject({
      Child: "Amira K.",
      Happened: "Mon 23 Nov 2026 (today)",
      "Follow up": "Fri 27 Nov 2026",
    });
    await sw.press(actionsOf(card).find((a) => a.title === "Save"));
    const action = await lastAction(f.sw2.id);
    expect(action).toMatchObject({ childId: f.amira.id, followUpDate: "2026-11-27" });
    expect(action.text).toMatch(/^rang the carer about Amira's PEP/);
  });

  it("a DT: “log” alone, then the words, then the child: “visited … on Thursday and chase on Friday” keeps both", async () => {
    const dt = as("dtA");
    expect((await dt.say("log")).text).toMatch(/^What did you do, and for which child\?/);
    expect((await dt.say("visited the carer on Thursday and chase on Friday")).text).toMatch(/^Which child/);
    const { card } = confirmation(await dt.say("Kai"));
    expect(facts(card)).toMatchObject({ Child: "Kai W.", Happened: "Thu 19 Nov 2026", "Follow up": "Fri 27 Nov 2026" });
    await dt.say("cancel");
  });

  it("a DT: a date still to come with no cue is neither the action's date nor a reminder", async () => {
    const dt = as("dtA");
    const { card } = confirmation(await dt.say("log PEP meeting for Jordan arranged for 4 Dec"));
    expect(facts(card)).toMatchObject({ Child: "Jordan S.", Happened: "Mon 23 Nov 2026 (today)" });
    expect(facts(card)["Follow up"]).toBeUndefined();
    await dt.say("cancel");
  });
});

describe("odd follow-ups are questioned on the card, not saved silently", () => {
  it.each([
    ["follow up on Saturday", "Sat 28 Nov 2026", ["The follow-up, Sat 28 Nov 2026, is on a weekend."]],
    // Mon 28 Dec 2026: the Boxing Day bank holiday, in the Christmas holidays.
    ["follow up 28 December", "Mon 28 Dec 2026", ["The follow-up, Mon 28 Dec 2026, is in the school holidays."]],
    [
      "remind me on 1 April",
      "Thu 1 Apr 2027",
      [
        "The follow-up, Thu 1 Apr 2027, is in the school holidays.",
        "The follow-up, Thu 1 Apr 2027, is more than a term away.",
      ],
    ],
  ])("a social worker: “%s”", async (cue, date, questions) => {
    const sw = as("sw1");
    const { card } = confirmation(await sw.say(`log phoned Kai's school, ${cue}`));
    expect(facts(card)["Follow up"]).toBe(date);
    expect(questionsOn(card)).toEqual(questions);
    expect(cardTexts(card)).toContain("Is that right? Save keeps it; Edit changes it.");
    await sw.say("cancel");
  });

  it("an IRO: a follow-up in the past is questioned, Save refused, Edit puts it right, then Save", async () => {
    const iro = as("iro1");
    const { card, id } = confirmation(await iro.say("log spoke to Jordan's carer, follow up yesterday"));
    expect(questionsOn(card)).toEqual([
      "The follow-up, Sun 22 Nov 2026, is in the past.",
      "The follow-up, Sun 22 Nov 2026, is on a weekend.",
    ]);
    const refused = await iro.press(actionsOf(card).find((a) => a.title === "Save"));
    expect(refused.text).toBe("The follow-up date is in the past. Press Edit on the card to change it, or Cancel.");
    const edited = await iro.submit({ verb: "log.edit", followUpDate: "2026-11-26" });
    expect(edited.calls.map((c) => [c.kind, c.activityId])).toEqual([["update", id]]);
    expect(facts(edited.cards[0])).toMatchObject({ Child: "Jordan S.", "Follow up": "Thu 26 Nov 2026" });
    expect(questionsOn(edited.cards[0])).toEqual([]);
    await iro.press(actionsOf(edited.cards[0]).find((a) => a.title === "Save"));
    expect(await lastAction(f.iro1.id)).toMatchObject({ childId: f.jordan.id, followUpDate: "2026-11-26" });
  });
});

describe("Edit changes the child, the category and both dates", () => {
  it("a DT: “emailed Jordan's social worker, remind me on 4 Dec”, then Edit to Kai, a meeting, 20 Nov, 7 Dec", async () => {
    const dt = as("dtA");
    const { card, id } = confirmation(await dt.say("log emailed Jordan's social worker, remind me on 4 Dec"));
    expect(facts(card)).toMatchObject({
      Child: "Jordan S.",
      Category: "Contact with social worker",
      Happened: "Mon 23 Nov 2026 (today)",
      "Follow up": "Fri 4 Dec 2026",
    });
    const edited = await dt.submit({
      verb: "log.edit",
      childId: String(kaiId),
      category: "meeting",
      actionDate: "2026-11-20",
      followUpDate: "2026-12-07",
      text: "emailed Jordan's social worker, remind me on 4 Dec",
    });
    expect(edited.calls.map((c) => [c.kind, c.activityId])).toEqual([["update", id]]);
    expect(facts(edited.cards[0])).toMatchObject({
      Child: "Kai W.",
      Category: "Meeting",
      Happened: "Fri 20 Nov 2026",
      "Follow up": "Mon 7 Dec 2026",
    });
    // A Saturday chosen in the date picker is questioned like a typed one.
    const weekend = await dt.submit({ verb: "log.edit", followUpDate: "2026-12-05" });
    expect(questionsOn(weekend.cards[0])).toEqual(["The follow-up, Sat 5 Dec 2026, is on a weekend."]);
    // Cleared: no follow-up.
    const none = await dt.submit({ verb: "log.edit", followUpDate: "" });
    expect(facts(none.cards[0])["Follow up"]).toBeUndefined();
    await dt.press(actionsOf(none.cards[0]).find((a) => a.title === "Save"));
    const action = await lastAction(f.dtA.id);
    expect(action).toMatchObject({ childId: kaiId, category: "meeting", followUpDate: null });
    expect(londonDateOf(action.at)).toBe("2026-11-20");
  });
});

describe("the Log action on an alert card reads the words the same way", () => {
  it.each([
    ["met Kai's DT on 20 November", "2026-11-20", null],
    ["rang the carer, follow up Friday", TODAY, "2026-11-27"],
    ["visited Kai on Thursday, chase next Tuesday", "2026-11-19", "2026-12-01"],
  ])("the VSH on the card: “%s”", async (text, happened, followUp) => {
    const { alertId } = await outboxAlert(t.database.db, {
      childId: kaiId,
      recipientIds: [f.sw1.id],
      raisedAt: new Date(`${TODAY}T07:00:00Z`),
    });
    const res = await answerCard(t.base, stub.url, { aadObjectId: aadOf(PEOPLE.vsh) }, "alert.log", { alertId, text });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body.value)).toContain("Logged an action");
    const action = await t.database.db.actionLog.findFirstOrThrow({ where: { text, source: "card" } });
    expect(action).toMatchObject({ childId: kaiId, source: "card", followUpDate: followUp });
    expect(londonDateOf(action.at)).toBe(happened);
  });
});
