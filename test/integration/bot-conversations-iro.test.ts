/**
 * Issue 12, item 4, as people talk: the reviews list asked in each role's own words ("any
 * reviews coming up?", "what reviews have I got this week", "reviews next week"), Brief
 * pressed from the list, the brief's answers (PEP for this review, school and moves, SEN,
 * exclusions or "none", the registers' period), and a caseload paged past 25, over the
 * real protocol. Mon 23 Nov 2026: this week runs to Sun 29 Nov, four weeks to Sun 20 Dec.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { cardTexts } from "../support/bot-turns.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { actionsOf, button, conversation } from "../support/conversation.js";
import {
  aadOf,
  buildSmallAuthority,
  createTestChild,
  type Fixture,
  PEOPLE,
  registerMarks,
  smallAuthoritySchoolDays,
  TODAY,
} from "../support/factories.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;
const ids: Record<string, number> = {};

type Who = keyof typeof PEOPLE;
const as = (who: Who, shared?: "groupChat") => conversation(t.base, stub, { aadObjectId: aadOf(PEOPLE[who]) }, shared);
/** The list's rows: "Thu 26 Nov 2026: Mia P.". */
const rows = (card: unknown) => cardTexts(card).filter((s) => /^\w{3} \d+ \w{3} \d{4}: /.test(s));

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, env: { PUBLIC_URL: "https://vs.example.org" } });
  const db = t.database.db;
  f = await buildSmallAuthority(db);
  for (const [serial, firstName, lastName] of [
    [101, "Mia", "Patel"],
    [102, "Noah", "Evans"],
  ] as const) {
    const c = await createTestChild(db, { localId: `T${serial}`, firstName, lastName, serial });
    await db.allocation.create({
      data: { childId: c.id, professionalId: f.iro1.id, role: "iro", fromDate: "2024-01-15" },
    });
    ids[firstName] = c.id;
  }
  const review = (childId: number, date: string, status = "held") => ({ childId, date, status });
  await db.careReview.createMany({
    data: [
      // Jordan: last held 2 Jun, so due Wed 2 Dec, not booked.
      review(f.jordan.id, "2026-02-10"),
      review(f.jordan.id, "2026-06-02"),
      // Mia: due 1 Dec, booked for Thu 26 Nov.
      review(ids.Mia ?? 0, "2026-03-01"),
      review(ids.Mia ?? 0, "2026-06-01"),
      review(ids.Mia ?? 0, "2026-11-26", "planned"),
      // Noah: due Fri 20 Nov, not held or booked: overdue.
      review(ids.Noah ?? 0, "2026-01-10"),
      review(ids.Noah ?? 0, "2026-05-20"),
    ],
  });
  await db.enrolment.createMany({
    data: [
      // Mia moved from Oakfield to Hillside after her review; Noah has been at Oakfield (dt.a's) throughout.
      { childId: ids.Mia ?? 0, schoolId: f.schoolA.id, fromDate: "2022-09-01", toDate: "2026-07-20", yearGroup: "5" },
      { childId: ids.Mia ?? 0, schoolId: f.schoolB.id, fromDate: "2026-11-16", yearGroup: "6" },
      { childId: ids.Noah ?? 0, schoolId: f.schoolA.id, fromDate: "2022-09-01", yearGroup: "6" },
    ],
  });
  // Last school year's summer term, so the calendar reaches back to Noah's review in May.
  await db.schoolCalendar.create({
    data: { laCode: "999", kind: "term", name: "2025-summer", startDate: "2026-04-13", endDate: "2026-07-22" },
  });
  await db.attendanceMark.createMany({
    data: registerMarks(ids.Noah ?? 0, smallAuthoritySchoolDays("2026-09-02", "2026-11-20"), "/", "\\"),
  });
  await db.child.update({ where: { id: ids.Noah }, data: { senStatus: "sen_support" } });
  await db.exclusion.create({
    data: { childId: ids.Noah ?? 0, schoolId: f.schoolA.id, kind: "suspension", startDate: "2026-10-05", days: 2 },
  });
  // 24 more children for the VSH: 30 in all, so the caseload has a second page.
  for (let i = 0; i < 24; i++) {
    await createTestChild(db, {
      localId: `V${i}`,
      firstName: `Pupil${String(i).padStart(2, "0")}`,
      lastName: "Zed",
      serial: 200 + i,
    });
  }
});
afterAll(async () => {
  await t.close();
  await stub.close();
});
beforeEach(async () => {
  await t.database.db.botState.deleteMany();
});

describe("the reviews list, in each role's words", () => {
  it("an IRO: “any reviews coming up?”, then this week's, then Brief on Noah's overdue review", async () => {
    const iro = as("iro1");
    const soon = await iro.say("any reviews coming up?");
    expect(cardTexts(soon.cards[0])[0]).toBe("Your reviews in the next four weeks");
    expect(rows(soon.cards[0])).toEqual([
      "Fri 20 Nov 2026: Noah E.",
      "Thu 26 Nov 2026: Mia P.",
      "Wed 2 Dec 2026: Jordan S.",
    ]);
    const briefs = actionsOf(soon.cards[0]).filter((a) => a.title === "Brief");
    expect(briefs.map((a) => [a.title, a.data?.childId])).toEqual([
      ["Brief", ids.Noah],
      ["Brief", ids.Mia],
      ["Brief", f.jordan.id],
    ]);

    const week = await iro.say("what reviews have I got this week");
    expect(cardTexts(week.cards[0])[0]).toBe("Your reviews this week");
    expect(rows(week.cards[0])).toEqual(["Fri 20 Nov 2026: Noah E.", "Thu 26 Nov 2026: Mia P."]);

    const brief = await iro.press(actionsOf(week.cards[0])[0]);
    const lines = cardTexts(brief.cards[0]);
    expect(lines[0]).toBe("IRO brief: Noah E.");
    expect(lines).toContain("Since the review on 20 May 2026");
    expect(lines).toContain("School moves: None since the review");
    expect(lines).toContain("SEN: SEN support");
    // Monday: this week has no marks yet, which is not a week without school.
    expect(lines).toContain("w/c 23 Nov: no marks yet");
    expect(lines).toContain("w/c 26 Oct: no school");
    expect(lines).toContain("suspension from 5 Oct 2026, 2 days");
    // The feed's marks start in September: the summer term after the review is not in them, and the brief says so.
    expect(lines).toContain("Attendance covers: 2 Sept 2026 to 20 Nov 2026");
    expect(lines).toContain(
      "Registers start on 2 Sept 2026, later than the last review (20 May 2026). The attendance since the review covers only that period.",
    );
    expect(lines.some((s) => /^PEP for this review: /.test(s))).toBe(true);
    expect((await iro.say("thanks")).text).toBe("You're welcome.");
  });

  it("an IRO: “reviews next week” and “my reviews this month” are the four weeks' list; Mia's brief by name", async () => {
    const iro = as("iro1");
    for (const phrase of ["my reviews next week", "reviews next week", "my reviews this month", "upcoming reviews"]) {
      const { cards } = await iro.say(phrase);
      expect(cardTexts(cards[0])[0], phrase).toBe("Your reviews in the next four weeks");
      expect(rows(cards[0]), phrase).toHaveLength(3);
    }
    const mia = cardTexts((await iro.say("brief Mia")).cards[0]);
    expect(mia).toContain("School: Hillside Academy (since 16 Nov 2026)");
    expect(mia).toContain("School moves: Left Oakfield Primary on 20 Jul 2026; Joined Hillside Academy on 16 Nov 2026");
    expect(mia.slice(mia.indexOf("Exclusions"), mia.indexOf("Exclusions") + 2)).toEqual([
      "Exclusions",
      "None since the review",
    ]);
  });

  it("a social worker and a DT see their own children's reviews only", async () => {
    const sw = await as("sw1").say("do I have any reviews this week?");
    expect(sw.text).toBe("No care-plan reviews this week, and none overdue. Try “reviews” for the next four weeks.");
    const swSoon = await as("sw1").say("reviews next week");
    expect(rows(swSoon.cards[0])).toEqual(["Wed 2 Dec 2026: Jordan S."]);
    // dt.a's pupils at Oakfield: Jordan, and Noah's overdue review.
    const dt = await as("dtA").say("reviews this week");
    expect(rows(dt.cards[0])).toEqual(["Fri 20 Nov 2026: Noah E."]);
    expect(cardTexts(dt.cards[0]).join("\n")).not.toContain("Mia");
  });

  it("the VSH: every child's reviews; in a group chat, nothing", async () => {
    const vsh = await as("vsh").say("reviews");
    expect(rows(vsh.cards[0])).toEqual(
      expect.arrayContaining(["Fri 20 Nov 2026: Noah E.", "Thu 26 Nov 2026: Mia P.", "Wed 2 Dec 2026: Jordan S."]),
    );
    const group = await as("iro1", "groupChat").say("any reviews coming up?");
    expect(group.text).toMatch(/only shown in a one-to-one chat/);
    expect(group.cards).toEqual([]);
  });
});

describe("a caseload past 25 children", () => {
  it("the VSH: 25, then Show more, then a child on page 2 opens their status", async () => {
    const vsh = as("vsh");
    const first = await vsh.say("my caseload");
    const page1 = cardTexts(first.cards[0]);
    expect(page1[1]).toBe("30 children, the 25 most urgent first. Tap a child to see their status.");
    expect(page1).toContain("And 5 more: “Show more” lists them.");
    const second = await vsh.press(button(first.cards[0], "Show more"));
    expect(cardTexts(second.cards[0])[1]).toBe("30 children: 26–30, page 2. Tap a child to see their status.");
    expect(button(second.cards[0], "Show more")).toBeUndefined();
    const child = actionsOf(second.cards[0]).find((a) => a.data?.verb === "status.open");
    const status = await vsh.press(child);
    expect(cardTexts(status.cards[0])[1]).toBe("Education status as of 23 Nov 2026");
    // Each of the 30 children appears once over the two pages.
    const names = (card: unknown) =>
      actionsOf(card).flatMap((a) => (a.data?.verb === "status.open" ? [a.data.childId] : []));
    expect(new Set([...names(first.cards[0]), ...names(second.cards[0])]).size).toBe(30);
  });
});
