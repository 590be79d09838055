/**
 * Glance fixes found by the conversation tests (issue 12, items 5 and 1), over the real
 * protocol: no past "next due" date on the status card, the "next review" answer or the
 * brief; thanks while the log card is live leaves the note and its Save working; the VSH's
 * reviews list stays under Teams' card limit however many reviews there are.
 * Today is Mon 23 Nov 2026. The small authority's children have been looked after since
 * 15 Jan 2024 with no review on record: the first was due by 12 Feb 2024, and the core
 * counts that as a gap in the records, not an overdue review.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { botTurn, cardTexts, wordsOf } from "../support/bot-turns.js";
import { TEAMS_CARD_LIMIT } from "../support/card-schema.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, createTestChild, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { message, post, type TeamsUser } from "../support/teams.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

const user = (who: keyof typeof PEOPLE): TeamsUser => ({ aadObjectId: aadOf(PEOPLE[who]) });
const say = (who: keyof typeof PEOPLE, text: string) => botTurn(t.base, stub, user(who), text);
const facts = (card: unknown) =>
  Object.fromEntries(cardTexts(card).map((l) => [l.split(": ")[0], l.slice(l.indexOf(": ") + 2)]));

/** A message, or a button's payload as Teams sends an Action.Submit: what the person then saw arrive or change. */
async function turn(who: keyof typeof PEOPLE, text: string, value?: object) {
  const before = stub.shown().length;
  expect((await post(t.base, message(user(who), stub.url, text, value))).status).toBe(200);
  const calls = stub.shown().slice(before);
  return {
    calls,
    text: wordsOf(calls),
    shown: JSON.stringify(calls.map((c) => c.body)),
  };
}
const press = (who: keyof typeof PEOPLE, value: object) => turn(who, "", value);

/** "12 Feb 2024" → 2024-02-12, to compare a shown date with today. */
const isoOf = (shown: string) => new Date(`${shown} UTC`).toISOString().slice(0, 10);

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, env: { PUBLIC_URL: "https://vs.example.org" } });
  f = await buildSmallAuthority(t.database.db);
  // Tyler came into care on Mon 16 Nov 2026: his initial PEP and first review are still to come.
  await t.database.db.child.update({ where: { id: f.tyler.id }, data: { lookedAfterSince: "2026-11-16" } });
});

afterAll(async () => {
  await t.close();
  await stub.close();
});

beforeEach(async () => {
  stub.reset();
  await t.database.db.botState.deleteMany();
});

describe("no past “next due” dates", () => {
  const GAP = "No review on record (the first was due by 12 Feb 2024)";

  it.each([
    ["sw1", "status Jordan Smith"],
    ["dtA", "status Jordan"],
    ["vsh", "Jordan Smith"],
  ] as const)("%s: “%s”: the status card says no review is on record", async (who, phrase) => {
    const { cards } = await say(who, phrase);
    expect(facts(cards[0])["Next review"]).toBe(GAP);
    expect(cardTexts(cards[0]).join("\n")).not.toMatch(/Due by \d+ \w+ 2024/);
  });

  it.each([
    ["sw1", "when is Jordan's next review?"],
    ["iro1", "when is Jordan Smith's next review"],
  ] as const)("%s: “%s” is answered without a date in the past as the next", async (who, phrase) => {
    const { text, cards } = await say(who, phrase);
    expect(text).toBe(`Jordan S.'s next care-plan review: ${GAP}.`);
    expect(facts(cards[0])["Next review"]).toBe(GAP);
  });

  it("the IRO's brief says the same", async () => {
    const brief = facts((await say("iro1", "brief Jordan Smith")).cards[0]);
    expect(brief["Next review"]).toBe(GAP);
    // No review to judge the PEP by, rather than "the review on 12 Feb 2024".
    expect(brief["PEP for this review"]).toBe(
      "No review on record to judge it by; no PEP is on record (not in date: the PEP owed is overdue)",
    );
  });

  it("a first review still to come keeps its date", async () => {
    const { cards } = await say("sw1", "status Tyler Brooks");
    const next = facts(cards[0])["Next review"] ?? "";
    const due = /^Due by (\d+ \w+ 2026), not booked yet$/.exec(next)?.[1];
    expect(due, next).toBeDefined();
    expect(isoOf(due ?? "") >= TODAY).toBe(true);
  });

  it("the brief says “PEP was due” for an overdue PEP, as the status card does", async () => {
    // Jordan's initial PEP, owed since he came into care in January 2024, was never held.
    const brief = facts((await say("iro1", "brief Jordan Smith")).cards[0]);
    const status = facts((await say("iro1", "status Jordan Smith")).cards[0]);
    expect(brief["PEP was due"]).toBe("29 Jan 2024");
    expect(brief).not.toHaveProperty("Next PEP due");
    expect(status["PEP was due"]).toBe(brief["PEP was due"]);
  });

  it("a PEP still to come is the “Next PEP due” on the brief", async () => {
    const brief = facts((await say("vsh", "brief Tyler Brooks")).cards[0]);
    expect(brief).not.toHaveProperty("PEP was due");
    expect(isoOf(brief["Next PEP due"] ?? "") >= TODAY).toBe(true);
  });
});

describe("thanks while the log card is live", () => {
  const saved = (text: string) => t.database.db.actionLog.count({ where: { text, professionalId: f.sw1.id } });

  it.each([
    ["thanks", "You're welcome."],
    ["thanks!", "You're welcome."],
    ["great, thanks", "You're welcome."],
    ["cheers", "You're welcome."],
    ["how are you?", "I'm well, thank you. Ask me about a child, e.g. “how is Jordan doing?”"],
  ])("“%s” is answered, the card stays live, and Save saves the note", async (phrase, answer) => {
    const note = `rang Jordan Smith's carer about reading (${phrase})`;
    expect((await turn("sw1", `log ${note}`)).shown).toContain("Jordan S.");

    const reply = await turn("sw1", phrase);
    expect(reply.text).toBe(`${answer} Your note isn't saved yet: press Save on the card above, or Cancel.`);
    // The confirmation card was left as it was: no update took its buttons away.
    expect(reply.calls.map((c) => c.kind)).toEqual(["reply"]);

    const save = await press("sw1", { verb: "log.save" });
    expect(save.shown).not.toMatch(/expired/);
    expect(save.calls.map((c) => c.kind)).toEqual(["update"]);
    expect(save.shown).toMatch(/saved/i);
    expect(await saved(note)).toBe(1);
  });

  it("thanks while the bot asks which child: the question stands, and the note is saved after", async () => {
    const note = "emailed the carer about the trip";
    expect((await turn("sw1", `log ${note}`)).text).toMatch(/Which child is this about\?/);
    expect((await turn("sw1", "thank you")).text).toBe(
      "You're welcome. Your note isn't saved yet: which child is it about? Type their name, or “cancel”.",
    );
    expect((await turn("sw1", "Tyler")).shown).toContain("Tyler B.");
    await press("sw1", { verb: "log.save" });
    expect(await t.database.db.actionLog.count({ where: { text: note, childId: f.tyler.id } })).toBe(1);
  });

  it("a turn that fails does not fail every message after it: the open note is forgotten", async () => {
    const opened = await turn("sw1", "log spoke to Jordan Smith's school about the trip");
    const cardId = opened.calls.at(-1)?.activityId;
    expect(opened.shown).toContain("Log this action?");
    // Teams will not update that card any more (deleted, say): each try fails.
    stub.inject({ status: 404, times: 5, match: (c) => c.kind === "update" && c.activityId === cardId });
    expect((await turn("sw1", "my caseload")).text).toMatch(/something went wrong on our side/);
    // Before, the note's dialog stayed open, tried the card again, and failed the same way.
    const next = await turn("sw1", "my caseload");
    expect(next.text).not.toMatch(/something went wrong|set that note aside/);
    expect(next.shown).toContain("Jordan S.");
  });

  it("another command still sets the note aside, and its Save then has nothing to save", async () => {
    const note = "spoke to Jordan Smith's school about maths";
    await turn("sw1", `log ${note}`);
    expect((await turn("sw1", "my caseload")).text).toMatch(/set that note aside/);
    expect((await press("sw1", { verb: "log.save" })).text).toMatch(/That card has expired/);
    expect(await saved(note)).toBe(0);
  });
});

describe("the VSH's reviews list stays under Teams' card limit", () => {
  const BOOKED = 102;
  const OVERDUE = 2;

  beforeAll(async () => {
    const db = t.database.db;
    // 102 children with a review booked in the next four weeks (last held 1 Aug: due 1 Feb),
    // 2 whose statutory date passed on 1 Nov with none held since, and Tyler's first (in care since 16 Nov).
    for (let i = 0; i < BOOKED + OVERDUE; i++) {
      const c = await createTestChild(db, {
        localId: `R${i}`,
        firstName: `Child${String(i).padStart(3, "0")}`,
        lastName: "Review",
        serial: 200 + i,
      });
      const overdue = i >= BOOKED;
      await db.careReview.createMany({
        data: overdue
          ? [
              { childId: c.id, date: "2026-01-01" },
              { childId: c.id, date: "2026-05-01" },
            ]
          : [
              { childId: c.id, date: "2026-02-01" },
              { childId: c.id, date: "2026-08-01" },
              // Tue 24 Nov to Fri 18 Dec: a school day each, several to a day.
              { childId: c.id, date: BOOKING_DAYS[i % BOOKING_DAYS.length] ?? "", status: "planned" },
            ],
      });
    }
  }, 60_000);

  it("“reviews”: the 25 soonest, overdue first, each with a Brief button, then how many more", async () => {
    const { cards } = await say("vsh", "reviews");
    const card = cards[0];
    expect(Buffer.byteLength(JSON.stringify(card), "utf8")).toBeLessThan(TEAMS_CARD_LIMIT);
    const texts = cardTexts(card);
    expect(texts[1]).toBe(
      "Mon 23 Nov 2026 to Sun 20 Dec 2026: 2 overdue, then 103 due, soonest first; the 25 soonest are listed. Tap Brief before the review.",
    );
    const rows = texts.filter((s) => /^\w{3} \d+ \w+ 2026: /.test(s));
    expect(rows).toHaveLength(25);
    expect(rows.slice(0, 2)).toEqual(["Sun 1 Nov 2026: Child102 R.", "Sun 1 Nov 2026: Child103 R."]);
    expect(rows[2]).toBe("Tue 24 Nov 2026: Child000 R.");
    expect(rows.at(-1)).toBe("Fri 27 Nov 2026: Child079 R.");
    const briefs = JSON.stringify(card).match(/"verb":"brief\.open"/g) ?? [];
    expect(briefs).toHaveLength(25);
    expect(texts.at(-1)).toBe(
      "And 80 more, from Fri 27 Nov 2026 to Fri 18 Dec 2026: ask again nearer the time, or see each child's next review in the tab.",
    );
  });
});

/** Tue 24 Nov to Fri 18 Dec 2026, school days only. */
const BOOKING_DAYS = [
  ["2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"],
  ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"],
  ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"],
  ["2026-12-14", "2026-12-15", "2026-12-16", "2026-12-17", "2026-12-18"],
].flat();
