/**
 * One PEP judgement everywhere: on Tuesday 5 January 2027, the second day of the spring
 * term (the day the old "current" measure fell for everyone), the status card
 * (GET /api/children/:id/status), the caseload (GET /api/caseload), the VSH's figures
 * (GET /api/stats peps.*) and the daily scan's PEP alerts say the same about each child,
 * and what they say was worked out by hand below. Policy: the national defaults (initial
 * PEP in 10 working days, PEPs from 3 to 18, the PEP 3 working days before a review, a
 * review in the first 10 school days of a term served by last term's PEP).
 *
 * | child | PEP facts | in date | PEP alerts |
 * |---|---|---|---|
 * | Ann | autumn PEP held 8 Oct (QA green); spring's due 26 Mar | yes: held on time | none |
 * | Bo  | autumn PEP held late, 4 Jan (submitted, waiting for QA) | no: held late | none |
 * | Cy  | autumn PEP held 10 Nov (QA amber); review booked Fri 8 Jan, spring's 5th school day | yes | none: the autumn PEP serves that review |
 * | Di  | last PEP summer 2026 (10 Jun); review booked Thu 7 Jan | no | pep_overdue (autumn's, due 18 Dec); pep_before_review (needed by Mon 4 Jan) |
 * | Ed  | in care since Mon 14 Dec; initial PEP due Wed 30 Dec, held today: 3 working days late (31 Dec, 4 and 5 Jan) | yes: it covers spring | none |
 * | Flo | in care since Mon 21 Dec; initial PEP due Thu 7 Jan, not held | yes: new to care | pep_initial_due |
 * | Gil | in care before the records, known from 10 Sep 2026; no PEP on record: no initial deadline, autumn's was owed by 18 Dec | no | pep_overdue |
 * | Hal | aged 2 (PEPs from 3): no PEP due; first review was due 29 Sep 2026 | not counted | review_overdue only |
 * | Ivy | in care since 2025, turned 3 on Thu 10 Dec: initial PEP due Thu 24 Dec, held 17 Dec | yes | none |
 * | Jon | a PEP named "2026-autumn" met on 20 Aug, in the summer holiday: it covers summer, so autumn's was due 18 Dec | no | pep_overdue |
 * | Kit | in care before the records, known from Mon 4 Jan; no PEP on record: spring's is owed, by 26 Mar | no | none |
 * | Amy | at an out-of-area school (LA 888, dates loaded from spring 2027 only); autumn PEP "2026-autumn" held 12 Nov, before those dates: judged on census autumn, on time, and not an initial PEP held late | yes | none |
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../core/alerts/scan.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";

const TODAY = "2027-01-05";
const LA = "999";
const VSH = "vsh@agreement.local";
const PEP_CODES = ["pep_overdue", "pep_due_soon", "review_overdue"];
const PEP_ALERTS = [
  "pep_initial_due",
  "pep_initial_overdue",
  "pep_review_due",
  "pep_overdue",
  "pep_before_review",
  "review_overdue",
];

let t: TestApp;
const ids = new Map<string, number>();
const idOf = (name: string) => ids.get(name) as number;

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
  const db = t.database.db;
  const periods: [kind: string, name: string, start: string, end: string][] = [
    ["term", "2025-autumn", "2025-09-03", "2025-12-19"],
    ["term", "2025-spring", "2026-01-05", "2026-03-27"],
    ["term", "2025-summer", "2026-04-13", "2026-07-22"],
    ["term", "2026-autumn", "2026-09-02", "2026-12-18"],
    ["term", "2026-spring", "2027-01-04", "2027-03-26"],
    ["term", "2026-summer", "2027-04-12", "2027-07-21"],
    ["closure", "October half-term", "2026-10-26", "2026-10-30"],
    ["closure", "February half-term", "2027-02-15", "2027-02-19"],
  ];
  await db.schoolCalendar.createMany({
    data: periods.map(([kind, name, startDate, endDate]) => ({ laCode: LA, kind, name, startDate, endDate })),
  });
  // The out-of-area school's authority has only this spring's and summer's dates loaded.
  await db.schoolCalendar.createMany({
    data: [
      { laCode: "888", kind: "term", name: "2026-spring", startDate: "2027-01-04", endDate: "2027-03-26" },
      { laCode: "888", kind: "term", name: "2026-summer", startDate: "2027-04-12", endDate: "2027-07-21" },
    ],
  });
  await db.professional.create({ data: { email: VSH, name: "Helen Akande", role: "vsh" } });

  const child = async (firstName: string, extra: Record<string, string | boolean> = {}) => {
    const c = await db.child.create({
      data: {
        localId: firstName.toUpperCase(),
        firstName,
        lastName: "Test",
        dateOfBirth: "2015-05-01",
        placingAuthority: LA,
        lookedAfterSince: "2024-01-15",
        ...extra,
      },
    });
    ids.set(firstName, c.id);
    return c.id;
  };
  const ann = await child("Ann");
  const bo = await child("Bo");
  const cy = await child("Cy");
  const di = await child("Di");
  const ed = await child("Ed", { lookedAfterSince: "2026-12-14" });
  await child("Flo", { lookedAfterSince: "2026-12-21" });
  await child("Gil", { lookedAfterSince: "2026-09-10", careStartKnown: false });
  await child("Hal", { dateOfBirth: "2024-06-01", lookedAfterSince: "2026-09-01" });
  const ivy = await child("Ivy", { dateOfBirth: "2023-12-10", lookedAfterSince: "2025-01-01" });
  const jon = await child("Jon");
  await child("Kit", { lookedAfterSince: "2027-01-04", careStartKnown: false });
  const amy = await child("Amy");
  const faraway = await db.school.create({
    data: { urn: "400001", name: "Faraway Academy", phase: "primary", localAuthority: "888", outOfArea: true },
  });
  await db.enrolment.create({ data: { childId: amy, schoolId: faraway.id, fromDate: "2024-09-01", yearGroup: "6" } });

  const pep = (childId: number, term: string, meetingDate: string, status: string, more: object = {}) => ({
    childId,
    term,
    dueDate: meetingDate,
    meetingDate,
    status,
    ...more,
  });
  await db.pep.createMany({
    data: [
      pep(ann, "2026-autumn", "2026-10-08", "quality_assured", { rag: "green", qaAt: new Date("2026-10-20T10:00Z") }),
      pep(bo, "2026-autumn", "2027-01-04", "submitted", { submittedAt: new Date("2027-01-04T15:00Z") }),
      pep(cy, "2026-autumn", "2026-11-10", "quality_assured", { rag: "amber", qaAt: new Date("2026-11-20T10:00Z") }),
      pep(di, "2025-summer", "2026-06-10", "complete"),
      pep(ed, "initial", TODAY, "held"),
      pep(ivy, "initial", "2026-12-17", "complete"),
      pep(jon, "2026-autumn", "2026-08-20", "complete"),
      pep(amy, "2026-autumn", "2026-11-12", "complete"),
    ],
  });
  // Cy and Di: reviews held on time (the next statutory date is Sun 10 Jan), and one booked sooner.
  const held = ["2024-02-09", "2024-05-09", "2026-07-10"];
  await db.careReview.createMany({
    data: [
      ...[cy, di].flatMap((childId) => held.map((date) => ({ childId, date }))),
      { childId: cy, date: "2027-01-08", status: "planned" },
      { childId: di, date: "2027-01-07", status: "planned" },
    ],
  });
  const s = t.runtime.services;
  await runScan({ db, calendars: s.calendars, policy: s.config.policy, clock: s.clock, queue: s.queue });
});
afterAll(() => t.close());

const status = async (name: string): Promise<Json> =>
  (await t.call("GET", `/api/children/${idOf(name)}/status`, { as: VSH })).json();

/** What each place says about a child's PEP, in the same words. */
async function sayings(name: string) {
  const s = await status(name);
  const caseload: Json[] = (await (await t.call("GET", "/api/caseload", { as: VSH })).json()).items;
  const row = caseload.find((r) => r.id === idOf(name));
  const alerts = await t.database.db.alert.findMany({
    where: { childId: idOf(name), rule: { in: PEP_ALERTS } },
    select: { rule: true },
  });
  return {
    card: (s.flags as { code: string }[]).map((f) => f.code).filter((c) => PEP_CODES.includes(c)),
    caseload: (row.badges as { code: string }[]).map((b) => b.code).filter((c) => PEP_CODES.includes(c)),
    alerts: alerts.map((a) => a.rule).sort(),
  };
}

describe("card, caseload and scan agree about each child", () => {
  it.each([
    ["Ann", [], []],
    ["Bo", [], []],
    ["Cy", [], []],
    ["Di", ["pep_overdue"], ["pep_before_review", "pep_overdue"]],
    ["Ed", [], []],
    ["Flo", ["pep_due_soon"], ["pep_initial_due"]],
    ["Gil", ["pep_overdue"], ["pep_overdue"]],
    ["Hal", ["review_overdue"], ["review_overdue"]],
    ["Ivy", [], []],
    ["Jon", ["pep_overdue"], ["pep_overdue"]],
    ["Kit", [], []],
    ["Amy", [], []],
  ])("%s: card and caseload %j, alerts %j", async (name, codes, alerts) => {
    expect(await sayings(name)).toEqual({ card: codes, caseload: codes, alerts });
  });
});

describe("the card's PEP judgement", () => {
  it.each([
    ["Ann", { inDate: true, current: false, nextDueFor: "2026-spring", nextDue: "2027-03-26" }],
    ["Bo", { inDate: false, notInDateBecause: "last_held_late", overdue: false, nextDueFor: "2026-spring" }],
    ["Cy", { inDate: true, nextDue: "2027-03-26", nextReviewPlanned: "2027-01-08", pepNeededForReviewBy: null }],
    ["Di", { inDate: false, overdue: true, nextDue: "2026-12-18", pepNeededForReviewBy: "2027-01-04" }],
    ["Ed", { inDate: true, current: true, nextDueFor: "2026-summer" }],
    ["Flo", { inDate: true, dueSoon: true, nextDueFor: "initial", nextDue: "2027-01-07" }],
    ["Gil", { inDate: false, initialPep: null, overdue: true, nextDueFor: "2026-autumn", nextDue: "2026-12-18" }],
    ["Hal", { required: false, inDate: false, nextDue: null, reviewOverdue: true, nextReviewDue: "2026-09-29" }],
    ["Ivy", { inDate: true, nextDueFor: "2026-spring" }],
    ["Jon", { inDate: false, overdue: true, nextDueFor: "2026-autumn", nextDue: "2026-12-18" }],
    [
      "Kit",
      {
        inDate: false,
        notInDateBecause: "none_on_record",
        initialPep: null,
        overdue: false,
        nextDueFor: "2026-spring",
        nextDue: "2027-03-26",
      },
    ],
    [
      "Amy",
      {
        inDate: true,
        notInDateBecause: null,
        initialPep: { done: false },
        nextDueFor: "2026-spring",
        nextDue: "2027-03-26",
      },
    ],
  ])("%s: %j", async (name, expected) => {
    expect((await status(name)).pep).toMatchObject(expected);
  });

  it.each([
    ["Ed", { due: "2026-12-30", done: true, heldOn: TODAY, onTime: false, daysLate: 3 }],
    ["Flo", { due: "2027-01-07", done: false, heldOn: null, onTime: null, daysLate: 0 }],
    ["Ivy", { due: "2026-12-24", done: true, heldOn: "2026-12-17", onTime: true, daysLate: 0 }],
  ])("%s's initial PEP against its own deadline: %j", async (name, initial) => {
    expect((await status(name)).pep.initialPep).toEqual(initial);
  });
});

describe("GET /api/stats peps", () => {
  it("counts the same judgements, with the year's initial PEPs and quality assurance", async () => {
    const body = await (await t.call("GET", "/api/stats", { as: VSH })).json();
    expect(body.peps).toEqual({
      // Everyone but Hal (aged 2).
      required: 11,
      // Ann, Cy, Ed, Flo, Ivy, Amy: 6 of 11.
      inDate: 6,
      inDatePercent: 54.5,
      // Di, Gil and Jon.
      overdue: 3,
      // Flo (7 Jan, 2 school days away).
      dueSoon: 1,
      // Deadlines passed this school year: Ed's (30 Dec, late) and Ivy's (24 Dec, on time).
      // Flo's is not yet due; the others' were in 2024 (Amy's too: never held, not this year's).
      initialOnTime: { due: 2, onTime: 1, percent: 50 },
      // Ann's green (20 Oct) and Cy's amber (20 Nov).
      qualityAssured: { total: 2, green: 1, greenPercent: 50 },
      // Bo's, submitted on Mon 4 Jan: one working day ago.
      qaBacklog: { waiting: 1, oldestSubmittedOn: "2027-01-04", oldestWaitingWorkingDays: 1 },
    });
    // The figure is the cards' judgement, child by child.
    const cards = await Promise.all([...ids.keys()].map(status));
    expect(cards.filter((c) => c.pep.required && c.pep.inDate)).toHaveLength(body.peps.inDate);
    expect(cards.filter((c) => c.pep.overdue)).toHaveLength(body.peps.overdue);
  });
});
