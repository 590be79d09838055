/**
 * The IRO's view over the real protocol (issue 12, item 4): "reviews" lists the care-plan
 * reviews in the next four weeks (booked, and statutory dates with none booked, overdue
 * first), "my reviews this week" this week's, each with a Brief button that opens the brief;
 * the brief says whether the PEP serves the review, the school and moves since the review,
 * SEN, exclusions or "none", and from when the registers count; the caseload pages past 25.
 * Today is Mon 23 Nov 2026: this week runs to Sun 29 Nov, four weeks to Sun 20 Dec.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { botTurn, cardTexts, wordsOf } from "../support/bot-turns.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
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
import { message, post, type TeamsUser } from "../support/teams.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;
const ids: Record<string, number> = {};

const user = (who: keyof typeof PEOPLE): TeamsUser => ({ aadObjectId: aadOf(PEOPLE[who]) });
const say = (who: keyof typeof PEOPLE, text: string) => botTurn(t.base, stub, user(who), text);
/** Presses a card button: an Action.Submit sends its data as the message's value. */
async function press(who: keyof typeof PEOPLE, data: object) {
  const before = stub.sent().length;
  const res = await post(t.base, message(user(who), stub.url, "", data));
  expect(res.status).toBe(200);
  const replies = stub.sent().slice(before);
  return {
    text: wordsOf(replies),
    cards: replies.flatMap((r) => (r.body.attachments ?? []).map((a) => a.content as unknown)),
  };
}
type Action = { type: string; title?: string; data?: Record<string, unknown> };
function submits(card: unknown): Action[] {
  const out: Action[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const n = node as Record<string, unknown>;
      if (n.type === "Action.Submit") out.push(n as Action);
      for (const v of Object.values(n)) walk(v);
    }
  };
  walk(card);
  return out;
}

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, env: { PUBLIC_URL: "https://vs.example.org" } });
  const db = t.database.db;
  f = await buildSmallAuthority(db);
  const child = async (localId: string, firstName: string, lastName: string, serial: number) => {
    const c = await createTestChild(db, { localId, firstName, lastName, serial });
    await db.allocation.create({
      data: { childId: c.id, professionalId: f.iro1.id, role: "iro", fromDate: "2024-01-15" },
    });
    ids[firstName] = c.id;
    return c;
  };
  const mia = await child("T101", "Mia", "Patel", 101);
  const noah = await child("T102", "Noah", "Evans", 102);
  const omar = await child("T103", "Omar", "Reid", 103);
  const review = (childId: number, date: string, status = "held") => ({ childId, date, status });
  await db.careReview.createMany({
    data: [
      // Jordan: last held 2 Jun, so due 2 Dec (six months), not booked: in four weeks, not this week.
      review(f.jordan.id, "2026-02-10"),
      review(f.jordan.id, "2026-06-02"),
      // Mia: due 1 Dec, booked for Thu 26 Nov: this week.
      review(mia.id, "2026-03-01"),
      review(mia.id, "2026-06-01"),
      review(mia.id, "2026-11-26", "planned"),
      // Noah: due 20 Nov, passed with none held or booked: overdue.
      review(noah.id, "2026-01-10"),
      review(noah.id, "2026-05-20"),
      // Omar: due 1 Jan 2027, after the four weeks.
      review(omar.id, "2026-04-01"),
      review(omar.id, "2026-07-01"),
    ],
  });
  // Mia left Oakfield at the end of the summer term and joined Hillside on 16 Nov, after her review.
  await db.enrolment.createMany({
    data: [
      { childId: mia.id, schoolId: f.schoolA.id, fromDate: "2022-09-01", toDate: "2026-07-20", yearGroup: "5" },
      { childId: mia.id, schoolId: f.schoolB.id, fromDate: "2026-11-16", yearGroup: "6" },
    ],
  });
  await db.attendanceMark.createMany({
    data: registerMarks(mia.id, smallAuthoritySchoolDays("2026-11-16", "2026-11-20"), "/", "\\"),
  });
  await db.child.update({ where: { id: mia.id }, data: { senStatus: "ehcp" } });
  // Jordan: a suspension since his review.
  await db.exclusion.create({
    data: { childId: f.jordan.id, schoolId: f.schoolA.id, kind: "suspension", startDate: "2026-10-05", days: 2 },
  });
  // sw2: 27 more children, 28 with Amira, so the caseload has a second page.
  for (let i = 0; i < 27; i++) {
    const c = await db.child.create({
      data: {
        localId: `P${i}`,
        firstName: `Pupil${String(i).padStart(2, "0")}`,
        lastName: "Zed",
        dateOfBirth: "2015-05-01",
        placingAuthority: "999",
      },
    });
    await db.allocation.create({
      data: { childId: c.id, professionalId: f.sw2.id, role: "social_worker", fromDate: "2025-01-01" },
    });
  }
});
afterAll(async () => {
  await t.close();
  await stub.close();
});
beforeEach(async () => {
  stub.reset();
  await t.database.db.botState.deleteMany();
});

describe("reviews", () => {
  it("“reviews” lists the IRO's reviews in the next four weeks, overdue first, each with a Brief button", async () => {
    const { cards } = await say("iro1", "reviews");
    expect(cards).toHaveLength(1);
    const texts = cardTexts(cards[0]);
    expect(texts[0]).toBe("Your reviews in the next four weeks");
    expect(texts[1]).toBe(
      "Mon 23 Nov 2026 to Sun 20 Dec 2026: 1 overdue, then 2 due, soonest first. Tap Brief before the review.",
    );
    // Noah's statutory date passed (20 Nov); Mia's booked Thu 26 Nov; Jordan's due Wed 2 Dec. Omar's is in January.
    expect(texts.filter((s) => /^\w{3} \d+ \w+ 2026: /.test(s))).toEqual([
      "Fri 20 Nov 2026: Noah E.",
      "Thu 26 Nov 2026: Mia P.",
      "Wed 2 Dec 2026: Jordan S.",
    ]);
    expect(texts).toContain("Overdue since 20 Nov 2026; not booked");
    expect(texts).toContain("Booked (statutory date 1 Dec 2026)");
    expect(texts).toContain("Statutory date, not booked yet");
    expect(texts.join("\n")).not.toContain("Omar");
    expect(submits(cards[0]).map((a) => [a.title, a.data?.verb, a.data?.childId])).toEqual([
      ["Brief", "brief.open", ids.Noah],
      ["Brief", "brief.open", ids.Mia],
      ["Brief", "brief.open", f.jordan.id],
    ]);
  });

  it.each(["my reviews this week", "reviews this week", "My reviews this week?", "show my reviews this week"])(
    "“%s” lists this week's (and the overdue)",
    async (phrase) => {
      const { cards } = await say("iro1", phrase);
      const texts = cardTexts(cards[0]);
      expect(texts[0]).toBe("Your reviews this week");
      expect(texts).toContain("Thu 26 Nov 2026: Mia P.");
      expect(texts).toContain("Fri 20 Nov 2026: Noah E.");
      expect(texts.join("\n")).not.toContain("Jordan");
    },
  );

  it.each(["my reviews", "upcoming reviews", "reveiws", "reviews in the next four weeks", "my care plan reviews"])(
    "“%s” is the four weeks' list",
    async (phrase) => {
      const { cards } = await say("iro1", phrase);
      expect(cardTexts(cards[0])[0]).toBe("Your reviews in the next four weeks");
    },
  );

  it("then Brief opens the brief: the PEP for the review, the school move, SEN and the registers' late start", async () => {
    const list = await say("iro1", "reviews");
    const mia = submits(list.cards[0]).find((a) => a.data?.childId === ids.Mia);
    const { cards } = await press("iro1", mia?.data ?? {});
    const texts = cardTexts(cards[0]);
    expect(texts[0]).toBe("IRO brief: Mia P.");
    expect(texts).toContain("Since the review on 1 Jun 2026");
    expect(texts.some((s) => s.startsWith("PEP for this review: "))).toBe(true);
    expect(texts).toContain("School: Hillside Academy (since 16 Nov 2026)");
    expect(texts).toContain(
      "School moves: Left Oakfield Primary on 20 Jul 2026; Joined Hillside Academy on 16 Nov 2026",
    );
    expect(texts).toContain("SEN: EHCP");
    expect(texts).toContain("Attendance covers: 16 Nov 2026 to 20 Nov 2026");
    expect(texts).toContain(
      "Registers start on 16 Nov 2026, later than the last review (1 Jun 2026): joined the school roll on 16 Nov 2026. The attendance since the review covers only that period.",
    );
    // No exclusion since her review: said, not left out.
    expect(texts.slice(texts.indexOf("Exclusions"), texts.indexOf("Exclusions") + 2)).toEqual([
      "Exclusions",
      "None since the review",
    ]);
    expect(texts.join("\n")).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{12}/);
  });

  it("Jordan's brief: his suspension since the review, no move, and registers from the review on", async () => {
    const { cards } = await say("iro1", "brief Jordan Smith");
    const texts = cardTexts(cards[0]);
    expect(texts).toContain("School moves: None since the review");
    expect(texts).toContain("SEN: None");
    expect(texts).toContain("suspension from 5 Oct 2026, 2 days");
    expect(texts.join("\n")).not.toContain("Registers start on");
    expect(texts).toContain("Attendance covers: No register marks since the review");
  });

  it("a social worker and a DT get the reviews of their own children", async () => {
    const sw = await say("sw1", "my reviews");
    expect(cardTexts(sw.cards[0])).toContain("Wed 2 Dec 2026: Jordan S.");
    expect(cardTexts(sw.cards[0]).join("\n")).not.toMatch(/Mia|Noah/);
    const dt = await say("dtA", "reviews this week");
    expect(dt.text).toBe("No care-plan reviews this week, and none overdue. Try “reviews” for the next four weeks.");
  });

  it("someone with no reviews coming up is told so", async () => {
    const { text, cards } = await say("sw2", "reviews");
    expect(cards).toHaveLength(0);
    expect(text).toBe("No care-plan reviews in the next four weeks, and none overdue.");
  });

  it("is never shown in a group chat", async () => {
    const before = stub.sent().length;
    const activity = message(user("iro1"), stub.url, "reviews");
    await post(t.base, { ...activity, conversation: { ...activity.conversation, conversationType: "groupChat" } });
    const replies = stub.sent().slice(before);
    expect(replies.map((r) => r.body.text).join("\n")).toMatch(/only shown in a one-to-one chat/);
    expect(replies.flatMap((r) => r.body.attachments ?? [])).toHaveLength(0);
  });

  it("“review for Noah booked 1 Dec” is still a booking, not the list", async () => {
    const { cards } = await say("iro1", "review for Noah booked 1 Dec");
    expect(cardTexts(cards[0]).join("\n")).not.toContain("Your reviews");
  });
});

describe("the caseload past 25 children", () => {
  it("shows 25, then “Show more” pages on", async () => {
    const first = await say("sw2", "my caseload");
    const texts = cardTexts(first.cards[0]);
    expect(texts[1]).toBe("28 children, the 25 most urgent first. Tap a child to see their status.");
    expect(texts).toContain("And 3 more: “Show more” lists them.");
    const more = submits(first.cards[0]).find((a) => a.title === "Show more");
    expect(more?.data).toEqual({ verb: "caseload.page", page: 2 });

    const second = await press("sw2", more?.data ?? {});
    const page2 = cardTexts(second.cards[0]);
    expect(page2[1]).toBe("28 children: 26–28, page 2. Tap a child to see their status.");
    expect(page2.filter((s) => /^Pupil\d\d Z\.$|^Amira K\.$/.test(s))).toHaveLength(3);
    expect(submits(second.cards[0]).some((a) => a.title === "Show more")).toBe(false);
    // Every child once across the two pages.
    const names = [...texts, ...page2].filter((s) => /^Pupil\d\d Z\.$|^Amira K\.$/.test(s));
    expect(new Set(names).size).toBe(28);
  });

  it("audits only the children each page shows", async () => {
    const db = t.database.db;
    const last = (await db.auditEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
    await say("sw2", "caseload");
    const rows = await db.auditEvent.findMany({ where: { id: { gt: last }, action: "read_caseload" } });
    expect(rows).toHaveLength(25);
  });

  it("a page past the end shows the last page", async () => {
    const { cards } = await press("sw2", { verb: "caseload.page", page: 9 });
    expect(cardTexts(cards[0])[1]).toBe("28 children: 26–28, page 2. Tap a child to see their status.");
  });

  it("a short caseload has no “Show more”", async () => {
    const { cards } = await say("iro1", "my caseload");
    expect(submits(cards[0]).some((a) => a.title === "Show more")).toBe(false);
  });
});
