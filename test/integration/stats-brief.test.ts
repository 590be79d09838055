/**
 * The figures of `GET /api/stats` and of the IRO brief, worked out by hand from a small,
 * fully specified authority on Monday 23 November 2026 (autumn term), and compared whole
 * with what the real app answers over HTTP. Nothing here calls the product's rules: each
 * expected number is counted in the comments from the fixture below.
 *
 * Policy: the national defaults (persistent absence 10%, severe 50%, initial PEP in 10
 * working days, the PEP to the IRO 3 working days before a review, due soon within 10
 * school days, PEPs until 18, reviews at 20 working days, 3 months, then every 6 months).
 *
 * The children (born 1 May 2015, so of compulsory school age, unless said):
 *
 * | child | looked after | school today | SEN | PEP |
 * |---|---|---|---|---|
 * | Ava  | since 15 Jan 2024 | Oakfield | none | autumn 2026 PEP held 5 Oct: covers this term → in date |
 * | Ben  | since 15 Jan 2024 | Oakfield | SEN support | last PEP spring 2026 (10 Feb): summer's was due by the end of summer term, 22 Jul 2026 → overdue |
 * | Cara | since 2 Mar 2026 | Oakfield | EHCP | last PEP summer 2026 (15 Jun, on time); review booked Wed 2 Dec, so autumn's is due 3 working days before: Fri 27 Nov, 4 school days away → due soon, and in date |
 * | Dev  | since 16 Nov 2026 | Oakfield from 16 Nov | none | initial PEP held 20 Nov, inside its 10 working days (to 30 Nov) → in date |
 * | Fay  | since 15 Jan 2024, born 1 May 2008 | none | none | 18 today: no PEP required, and past school age: not "without a place" |
 * | Gus  | since 15 Jan 2024 | left Oakfield 18 Sep (permanently excluded) | SEN support | no PEP ever: the initial one was due 29 Jan 2024 → overdue |
 * | Eli  | ceased 1 Oct 2026 | Oakfield | none | not looked after: in no figure, though he has marks, a suspension and an alert |
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { botTurn, cardTexts } from "../support/bot-turns.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";

const TODAY = "2026-11-23";
const LA = "999";

let t: TestApp;
let stub: ConnectorStub;
const EMAIL = { vsh: "vsh@figures.local", iro: "iro@figures.local", sw: "sw@figures.local" };

/** Ten register marks for a school week: AM and PM for Monday to Friday, in that order. */
const WEEK_PRESENT = ["/", "\\", "/", "\\", "/", "\\", "/", "\\", "/", "\\"];

beforeAll(async () => {
  stub = await startConnectorStub();
  // 11:00: the morning register has closed, the afternoon's not yet (09:30 and 13:45).
  t = await startTestApp({ today: TODAY, time: "11:00" });
  const db = t.database.db;

  // Two school years of terms (named by the year they start in) and the half-terms that matter.
  const periods: [kind: string, name: string, start: string, end: string][] = [
    ["term", "2025-autumn", "2025-09-03", "2025-12-19"],
    ["term", "2025-spring", "2026-01-05", "2026-03-27"],
    ["term", "2025-summer", "2026-04-13", "2026-07-22"],
    ["term", "2026-autumn", "2026-09-02", "2026-12-18"],
    ["term", "2026-spring", "2027-01-04", "2027-03-26"],
    ["term", "2026-summer", "2027-04-12", "2027-07-21"],
    ["closure", "February half-term", "2026-02-16", "2026-02-20"],
    ["closure", "May half-term", "2026-05-25", "2026-05-29"],
    ["closure", "October half-term", "2026-10-26", "2026-10-30"],
  ];
  await db.schoolCalendar.createMany({
    data: periods.map(([kind, name, startDate, endDate]) => ({ laCode: LA, kind, name, startDate, endDate })),
  });
  const school = await db.school.create({
    data: { urn: "200001", name: "Oakfield Primary", phase: "primary", localAuthority: LA },
  });
  const vsh = await db.professional.create({ data: { email: EMAIL.vsh, name: "Helen Akande", role: "vsh" } });
  const iro = await db.professional.create({
    data: { email: EMAIL.iro, name: "Margaret Ellis", role: "iro", aadObjectId: "aad-iro-figures" },
  });
  const sw = await db.professional.create({ data: { email: EMAIL.sw, name: "Sam Patel", role: "social_worker" } });

  const child = (firstName: string, lastName: string, extra: Record<string, string | null> = {}) =>
    db.child.create({
      data: {
        localId: firstName.toUpperCase(),
        firstName,
        lastName,
        dateOfBirth: "2015-05-01",
        placingAuthority: LA,
        lookedAfterSince: "2024-01-15",
        ...extra,
      },
    });
  const ava = await child("Ava", "Adams");
  const ben = await child("Ben", "Brown", { senStatus: "sen_support" });
  const cara = await child("Cara", "Clarke", { senStatus: "ehcp", lookedAfterSince: "2026-03-02" });
  const dev = await child("Dev", "Das", { lookedAfterSince: "2026-11-16" });
  await child("Fay", "Fox", { dateOfBirth: "2008-05-01" });
  const gus = await child("Gus", "Green", { senStatus: "sen_support" });
  const eli = await child("Eli", "Evans", { ceasedLookedAfter: "2026-10-01" });

  const onRoll = (childId: number, fromDate: string, toDate: string | null = null) => ({
    childId,
    schoolId: school.id,
    fromDate,
    toDate,
  });
  await db.enrolment.createMany({
    data: [
      onRoll(ava.id, "2022-09-01"),
      onRoll(ben.id, "2022-09-01"),
      onRoll(cara.id, "2022-09-01"),
      onRoll(dev.id, "2026-11-16"),
      onRoll(gus.id, "2022-09-01", "2026-09-18"),
      onRoll(eli.id, "2022-09-01"),
    ],
  });
  await db.allocation.createMany({
    data: [
      { childId: cara.id, professionalId: iro.id, role: "iro", fromDate: "2026-03-02" },
      { childId: cara.id, professionalId: sw.id, role: "social_worker", fromDate: "2026-03-02" },
    ],
  });

  const pep = (childId: number, term: string, meetingDate: string | null, status: string, rag: string | null) => ({
    childId,
    term,
    dueDate: meetingDate ?? "2026-11-27",
    meetingDate,
    status,
    rag,
  });
  await db.pep.createMany({
    data: [
      pep(ava.id, "2026-autumn", "2026-10-05", "complete", "green"),
      pep(ben.id, "2025-spring", "2026-02-10", "complete", "amber"),
      pep(cara.id, "initial", "2026-03-12", "complete", "green"),
      {
        ...pep(cara.id, "2025-summer", "2026-06-15", "quality_assured", "amber"),
        targets: "Read daily for 20 minutes\n  Attend the maths catch-up group  \n",
      },
      // A draft counts for nothing.
      pep(cara.id, "2026-autumn", null, "draft", null),
      pep(dev.id, "initial", "2026-11-20", "complete", null),
    ],
  });
  // Cara's first review within 20 working days, the second 3 months on; the next is booked.
  await db.careReview.createMany({
    data: ["2026-03-27", "2026-06-26", "2026-12-02"].map((date) => ({ childId: cara.id, date })),
  });

  const marks: { childId: number; date: string; session: string; code: string }[] = [];
  const day = (childId: number, date: string, am: string, pm?: string) => {
    marks.push({ childId, date, session: "AM", code: am });
    if (pm !== undefined) marks.push({ childId, date, session: "PM", code: pm });
  };
  const week = (childId: number, monday: string, codes: readonly string[]) => {
    const [y, m, d] = monday.split("-").map(Number) as [number, number, number];
    for (let i = 0; i < 5; i++) {
      const date = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
      day(childId, date, codes[2 * i]!, codes[2 * i + 1]!);
    }
  };
  // Ava: a full week present, and present this morning. A mark from last school year and
  // one dated tomorrow fall outside "this school year up to today".
  week(ava.id, "2026-11-16", WEEK_PRESENT);
  day(ava.id, "2026-11-23", "/");
  day(ava.id, "2026-07-10", "O");
  day(ava.id, "2026-11-24", "O");
  // Ben: present Monday, ill Tuesday (I, authorised), O (unauthorised) Wednesday to Friday; N this morning.
  week(ben.id, "2026-11-16", ["/", "\\", "I", "I", "O", "O", "O", "O", "O", "O"]);
  day(ben.id, "2026-11-23", "N");
  // Cara, this school year.
  week(cara.id, "2026-10-19", WEEK_PRESENT);
  // Ill on Monday; Friday afternoon Y1 (transport not available): not a possible session.
  week(cara.id, "2026-11-02", ["I", "I", "/", "\\", "/", "\\", "/", "\\", "/", "Y1"]);
  week(cara.id, "2026-11-09", ["/", "O", "/", "O", "/", "O", "/", "O", "/", "O"]);
  week(cara.id, "2026-11-16", ["/", "\\", "/", "\\", "O", "O", "O", "O", "O", "O"]);
  day(cara.id, "2026-11-23", "/");
  // Cara, last school year: the day before her last review, the day of it, and one after.
  day(cara.id, "2026-06-25", "O", "O");
  day(cara.id, "2026-06-26", "/", "O");
  day(cara.id, "2026-07-01", "/", "I");
  // Dev: from his first day, a medical appointment (M) on Wednesday morning.
  week(dev.id, "2026-11-16", ["/", "\\", "/", "\\", "M", "\\", "/", "\\", "/", "\\"]);
  // Eli (no longer looked after): absent throughout.
  week(eli.id, "2026-11-16", ["O", "O", "O", "O", "O", "O", "O", "O", "O", "O"]);
  day(eli.id, "2026-11-23", "O");
  await db.attendanceMark.createMany({ data: marks });

  await db.exclusion.createMany({
    data: [
      { childId: ben.id, schoolId: school.id, kind: "suspension", startDate: "2026-10-05", days: 2 },
      { childId: ben.id, schoolId: school.id, kind: "suspension", startDate: "2026-11-02", days: 0.5 },
      { childId: cara.id, schoolId: school.id, kind: "suspension", startDate: "2026-09-14", days: 3 },
      { childId: gus.id, schoolId: school.id, kind: "permanent", startDate: "2026-09-18", days: 1 },
      // Last school year, and a child no longer looked after: in no figure.
      { childId: ava.id, schoolId: school.id, kind: "suspension", startDate: "2026-07-01", days: 1 },
      { childId: cara.id, schoolId: school.id, kind: "suspension", startDate: "2026-06-10", days: 1 },
      { childId: eli.id, schoolId: school.id, kind: "suspension", startDate: "2026-10-01", days: 5 },
    ],
  });

  await db.actionLog.createMany({
    data: [
      {
        childId: cara.id,
        professionalId: sw.id,
        at: new Date("2026-06-20T11:00:00Z"),
        text: "Met the carer",
        category: "contact_carer",
      },
      {
        childId: cara.id,
        professionalId: sw.id,
        at: new Date("2026-06-26T08:00:00Z"),
        text: "Sent the PEP to the IRO",
        category: "pep",
      },
      {
        childId: cara.id,
        professionalId: sw.id,
        at: new Date("2026-10-01T11:00:00Z"),
        text: "Rang the carer about attendance",
        category: "attendance",
      },
      {
        childId: cara.id,
        professionalId: iro.id,
        at: new Date("2026-11-20T14:00:00Z"),
        text: "Asked the school for the PEP draft",
        category: "pep",
      },
    ],
  });

  const alert = (
    childId: number,
    rule: string,
    status: string,
    raisedAt: string,
    answered: { answeredAt?: Date; answeredById?: number; escalatedAt?: Date } = {},
  ) => ({
    childId,
    rule,
    dedupeKey: `${childId}:${rule}:${raisedAt}`,
    period: raisedAt.slice(0, 10),
    severity: "amber",
    status,
    raisedAt: new Date(raisedAt),
    ...answered,
  });
  await db.alert.createMany({
    data: [
      alert(ben.id, "pep_overdue", "open", "2026-11-10T10:30:00Z"),
      alert(ben.id, "unexplained_absence_today", "acknowledged", "2026-11-23T10:30:00Z", {
        answeredAt: new Date("2026-11-23T11:00:00Z"),
        answeredById: vsh.id,
      }),
      alert(cara.id, "persistent_absence", "escalated", "2026-11-16T10:30:00Z", {
        escalatedAt: new Date("2026-11-18T16:00:00Z"),
      }),
      alert(cara.id, "pep_due_soon", "snoozed", "2026-11-19T10:30:00Z", {
        answeredAt: new Date("2026-11-19T12:00:00Z"),
        answeredById: sw.id,
      }),
      alert(ava.id, "pep_overdue", "resolved", "2026-09-10T09:30:00Z", {
        answeredAt: new Date("2026-09-11T09:00:00Z"),
        answeredById: vsh.id,
      }),
      // 00:30 on 1 August in England (BST): the first minutes of this school year.
      alert(gus.id, "no_school_place", "open", "2026-07-31T23:30:00Z"),
      // 23:59 on 31 July in England: last school year.
      alert(gus.id, "pep_overdue", "open", "2026-07-31T22:59:00Z"),
      // Last school year; a follow-up reminder; a child no longer looked after.
      alert(ava.id, "unexplained_absence_today", "open", "2026-07-15T10:30:00Z"),
      alert(ben.id, "follow_up", "open", "2026-11-20T10:30:00Z"),
      alert(eli.id, "unexplained_absence_today", "open", "2026-11-01T10:30:00Z"),
    ],
  });
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

describe("GET /api/stats", () => {
  it("answers the figures worked out by hand", async () => {
    const res = await t.call("GET", "/api/stats", { as: EMAIL.vsh });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      asOf: "2026-11-23",
      children: {
        // Ava, Ben, Cara, Dev, Fay, Gus (Eli ceased to be looked after).
        lookedAfter: 6,
        // Ava, Ben, Cara, Dev (Dev since 16 Nov); Gus left on 18 Sep; Fay has no school.
        onRoll: 4,
        // Gus. Fay has no place either, but left compulsory school age in June 2024.
        withoutSchoolPlace: 1,
        // Gus: 41 school days since 18 Sep, past the 20-day line.
        withoutSchoolPlaceOverdue: 1,
        // none: Ava, Dev, Fay; SEN support: Ben, Gus; EHCP: Cara.
        sen: { none: 3, senSupport: 2, ehcp: 1 },
        // Counted apart from the cohort: nobody on short breaks; Eli left care on 1 Oct.
        shortBreaks: 0,
        // Eli's reason for leaving is not recorded: not counted as previously looked after.
        leftCare: { thisSchoolYear: 1, latest: "2026-10-01", previouslyLookedAfter: 0 },
      },
      peps: {
        // Everyone but Fay, who is 18 today.
        required: 5,
        // Ava (this term's PEP held), Dev (initial PEP held within its window) and Cara:
        // autumn's is not yet due (27 Nov) and summer's was held on time (15 Jun, due by
        // Tue 23 Jun, 3 working days before her review on Fri 26 Jun). 3 of 5 = 60%.
        inDate: 3,
        inDatePercent: 60,
        // Ben (summer 2026's PEP due by 22 Jul 2026) and Gus (initial PEP due 29 Jan 2024).
        overdue: 2,
        // Cara (due Fri 27 Nov, 4 school days away).
        dueSoon: 1,
        // No initial PEP fell due this school year before today: Dev's is due on 30 Nov,
        // the others' in 2024 and March 2026.
        initialOnTime: { due: 0, onTime: 0, percent: null },
        // Cara's summer PEP was quality-assured last school year (imported: its meeting, 15 Jun).
        qualityAssured: { total: 0, green: 0, greenPercent: null },
        qaBacklog: { waiting: 0, oldestSubmittedOn: null, oldestWaitingWorkingDays: null },
      },
      attendance: {
        // Ava, Ben, Cara, Dev have marks this school year; Fay and Gus none.
        pupilsWithMarks: 4,
        // Possible sessions (Y1 is not one; 10 Jul is last school year; 24 Nov is after today):
        //   Ava 10 + 1 = 11; Ben 10 + 1 = 11; Cara 10 + 9 + 10 + 10 + 1 = 40; Dev 10.
        //   11 + 11 + 40 + 10 = 72.
        possibleSessions: 72,
        // Attended: Ava 11; Ben 2; Cara 10 + 7 + 5 + 4 + 1 = 27; Dev 9. 49 of 72 = 68.06% → 68.1.
        attendancePercent: 68.1,
        // Absence: Ben 9 of 11 = 81.8%; Cara 13 of 40 = 32.5%; Dev 1 of 10 = 10%; Ava 0.
        // Neither is judged before 20 possible sessions (two weeks), so Ben's and Dev's wait:
        // persistent (≥ 10%): Cara = 1 of 4 = 25%.
        persistentAbsence: 1,
        persistentAbsencePercent: 25,
        // Severe (≥ 50%): Ben's 81.8% is over 11 sessions, not yet judged: none.
        severeAbsence: 0,
        severeAbsencePercent: 0,
        // Ben's N this morning, and Dev's morning unmarked at 11:00 (last marked on Friday:
        // his school's feed is live). Ava and Cara are present this morning and the afternoon
        // register is not closed yet; Eli's O is not counted: he is not looked after.
        unexplainedAbsenceToday: 2,
        // Every school on roll sent marks last week.
        noAttendanceData: 0,
      },
      exclusions: {
        // Ben 5 Oct (2 days) and 2 Nov (half a day), Cara 14 Sep (3 days): 3 suspensions of 2 pupils,
        // 2 + 0.5 + 3 = 5.5 days. Ava's and Cara's in June/July were last school year.
        suspensions: 3,
        pupilsSuspended: 2,
        suspensionDays: 5.5,
        // Gus, 18 Sep.
        permanentExclusions: 1,
      },
      alerts: {
        // Raised since the school year began, at midnight on 1 August in England.
        raisedSince: "2026-08-01",
        // Ben's PEP overdue (10 Nov) and Gus's no school place (00:30 BST on 1 Aug).
        open: 2,
        snoozed: 1,
        escalated: 1,
        acknowledged: 1,
        resolved: 1,
        // Ben's acknowledged, Cara's snoozed, Ava's resolved.
        answered: 3,
      },
      pupilPremiumPlus: {
        settings: {
          schoolYear: 2026,
          ratePence: 257_000,
          retainedPercent: 0,
          release: "termly",
          perChildPence: 257_000,
          retainedPerChildPence: 0,
          // Autumn's third only: spring's comes on the spring term's first day.
          thirdsReleased: 1,
        },
        // Aged 4–15 on 31 Aug 2026 and looked after on a day of this school year: Ava, Ben,
        // Cara, Dev, Gus, and Eli (until 1 Oct). Not Fay (18).
        virtualSchool: {
          eligibleChildren: 6,
          retainedCentrally: 0,
          allocated: 6 * 257_000,
          // A third each, to the penny below: £856.66 × 6.
          released: 6 * 85_666,
          // No PEP held this school year asks for any.
          requested: 0,
          approved: 0,
          pending: 0,
          remaining: 6 * 85_666,
        },
        schools: [
          {
            school: { id: 1, name: "Oakfield Primary" },
            // Ava, Ben, Cara, Dev, Eli (still on its roll).
            eligibleChildren: 5,
            allocated: 5 * 257_000,
            released: 5 * 85_666,
            requested: 0,
            approved: 0,
            pending: 0,
            remaining: 5 * 85_666,
          },
          // Gus, whose place ended on 18 Sep.
          {
            school: null,
            eligibleChildren: 1,
            allocated: 257_000,
            released: 85_666,
            requested: 0,
            approved: 0,
            pending: 0,
            remaining: 85_666,
          },
        ],
        children: expect.any(Array),
      },
    });
    const children = body.pupilPremiumPlus.children as { firstName: string; eligible: boolean; released: number }[];
    expect(children.map((c) => [c.firstName, c.eligible, c.released])).toEqual([
      ["Ava", true, 85_666],
      ["Ben", true, 85_666],
      ["Cara", true, 85_666],
      ["Dev", true, 85_666],
      ["Eli", true, 85_666],
      ["Fay", false, 0],
      ["Gus", true, 85_666],
    ]);
  });

  it("is the VSH's alone", async () => {
    expect((await t.call("GET", "/api/stats", { as: EMAIL.iro })).status).toBe(403);
  });
});

describe("the IRO brief", () => {
  it("`brief Cara Clarke` shows the figures worked out by hand", async () => {
    const { cards } = await botTurn(t.base, stub, { aadObjectId: "aad-iro-figures" }, "brief Cara Clarke");
    expect(cards).toHaveLength(1);
    expect(cardTexts(cards[0])).toEqual([
      "IRO brief: Cara C.",
      // The last review on or before today is 26 Jun; the next is booked for 2 Dec.
      "Since the review on 26 Jun 2026",
      // Absence this school year 13 of 40 = 32.5%.
      "Amber: Persistent absence: 32.5% of possible sessions missed this school year (10% or more).",
      // Her last PEP covered summer 2026, so autumn's is owed; the review on Wed 2 Dec pulls
      // it to 3 working days before: Tue 1, Mon 30, Fri 27 Nov; Tue 24 to Fri 27 is 4 school days.
      "Amber: PEP for autumn 2026 due by 27 Nov 2026 (within 10 school days).",
      // Summer's PEP (15 Jun) does not serve a review in the autumn term: the review on 2 Dec
      // needs autumn's, 3 working days before it (Fri 27 Nov), still to come.
      "PEP for this review: Not yet: the review on 2 Dec 2026 needs a new PEP by Fri 27 Nov 2026",
      "School: Oakfield Primary (since 1 Sept 2022)",
      "School moves: None since the review",
      "SEN: EHCP",
      // Her first mark since the review is on the review day (26 Jun), the last this morning.
      "Attendance covers: 26 Jun 2026 to 23 Nov 2026",
      // From the review day on: 26 Jun (/ and O) and 1 Jul (/ and I), 4 possible, 2 attended,
      // and this year's 40 possible, 27 attended (25 Jun is before the review):
      // 29 of 44 = 65.9%.
      "Attendance since review: 65.9%",
      // This school year: 27 of 40 = 67.5%, absence 32.5% ≥ 10%.
      "Attendance this year: 67.5%, persistent absence",
      // Due soon; the RAG of the last completed PEP (summer's, amber; the draft does not count).
      "PEP: Due soon, RAG amber",
      "Last PEP meeting: 15 Jun 2026",
      "Next PEP due: 27 Nov 2026",
      // Booked for 2 Dec; six months after 26 Jun is the statutory date.
      "Next review: 2 Dec 2026 (booked; statutory date 26 Dec 2026)",
      "Attendance by week",
      // The six weeks to today, oldest first.
      "w/c 19 Oct: 100.0%", // 10 of 10
      "w/c 26 Oct: no school", // half-term: no marks
      "w/c 2 Nov: 77.8%", // 7 of 9 (Friday PM Y1 is not a possible session)
      "w/c 9 Nov: 50.0%", // 5 of 10
      "w/c 16 Nov: 40.0%", // 4 of 10
      "w/c 23 Nov: 100.0% so far, 1 session", // this morning, 1 of 1
      "PEP targets",
      "• Read daily for 20 minutes",
      "• Attend the maths catch-up group",
      "Exclusions",
      // 14 Sep is after the review; 10 Jun was before it.
      "suspension from 14 Sept 2026, 3 days",
      "Actions",
      // From the review day on, newest first; 20 Jun was before it.
      "20 Nov 2026 · Margaret Ellis",
      "Asked the school for the PEP draft",
      "1 Oct 2026 · Sam Patel",
      "Rang the carer about attendance",
      "26 Jun 2026 · Sam Patel",
      "Sent the PEP to the IRO",
    ]);
  });
});
