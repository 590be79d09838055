/**
 * The demo authority looks like a real one, on any day it is started: most initial PEPs
 * held by their deadline and a few late, nursery places for 3- and 4-year-olds, colleges
 * for 16- and 17-year-olds, out-of-area schools on their own term dates, a few reviews
 * overdue, children who left care or are on short breaks, and no register mark written
 * before its register has closed. Each day is seeded at a time of day on the Clock, and
 * every check queries the seeded database, never the seed's plan.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previousSchoolDay, schoolDaysBetween, schoolDaysInRange } from "../../core/calendar/school-days.js";
import { cohortWhere, isPreviouslyLookedAfter } from "../../core/children/care.js";
import { isOfCompulsorySchoolAge } from "../../core/children/school-age.js";
import { ageOn, HELD_STATES } from "../../core/peps/pep.rules.js";
import { fixedClock } from "../../core/platform/clock.js";
import { addDays, addMonths, daysBetween, schoolYearBounds, schoolYearOf } from "../../core/platform/dates.js";
import type { Db } from "../../core/platform/db.js";
import { defaultPolicy } from "../../core/policy.js";
import { seedDemo } from "../../prisma/seed/index.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { calendarsOf, misplacedMarks } from "./seed-checks.js";

const LA = "999";
const open: TestDb[] = [];

type Day = { label: string; today: string; time: string; am: boolean; pm: boolean; yearUnderway: boolean };
/**
 * `am`/`pm`: today is a school day and that register has closed by `time` (09:30, 13:45
 * by default). `yearUnderway`: enough of the school year has passed for its own initial
 * PEPs to make a figure (on 10 August it is nine days old).
 */
const DAYS: Day[] = [
  {
    label: "a term day before the morning register closes",
    today: "2026-11-23",
    time: "08:15",
    am: false,
    pm: false,
    yearUnderway: true,
  },
  {
    label: "a term day between the two registers",
    today: "2026-11-25",
    time: "11:00",
    am: true,
    pm: false,
    yearUnderway: true,
  },
  {
    label: "a term day after the afternoon register closes",
    today: "2026-11-24",
    time: "14:00",
    am: true,
    pm: true,
    yearUnderway: true,
  },
  { label: "a Saturday", today: "2026-11-28", time: "12:00", am: false, pm: false, yearUnderway: true },
  {
    label: "a day in the summer holiday",
    today: "2027-08-10",
    time: "12:00",
    am: false,
    pm: false,
    yearUnderway: false,
  },
];

afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});

describe.each(DAYS)("the demo authority seeded on $label ($today $time)", (day) => {
  const { today } = day;
  let db: Db;
  beforeAll(async () => {
    const t = await createTestDb(`seed-${today}`);
    open.push(t);
    db = t.db;
    await seedDemo(db, { today, laCode: LA, now: fixedClock(today, day.time).now() });
  }, 60_000);

  it("holds most initial PEPs of this school year and last by their deadline, a few some days late", async () => {
    const initial = await db.pep.findMany({
      where: { term: "initial", dueDate: { gte: `${schoolYearOf(today) - 1}-08-01`, lt: today } },
      include: { child: { include: { enrolments: { include: { school: true } } } } },
    });
    expect(initial.length).toBeGreaterThanOrEqual(20);
    const held = initial.filter((p) => (HELD_STATES as ReadonlySet<string>).has(p.status) && p.meetingDate !== null);
    const onTime = (peps: typeof initial) =>
      peps.filter((p) => held.includes(p) && (p.meetingDate as string) <= p.dueDate);
    const late = held.filter((p) => (p.meetingDate as string) > p.dueDate);
    expect(onTime(initial).length / initial.length).toBeGreaterThanOrEqual(0.8);
    expect(onTime(initial).length).toBeLessThan(initial.length);
    expect(late.length).toBeGreaterThanOrEqual(1);
    // Some working days late; later only when the school was on holiday from the deadline
    // until the meeting (care began in the summer holiday: the PEP waited for term).
    const calendars = await calendarsOf(db);
    const waitedForTerm = (p: (typeof initial)[number]) => {
      const day = p.meetingDate as string;
      const school = p.child.enrolments.find((e) => e.fromDate <= day && (e.toDate === null || e.toDate >= day));
      const cal = calendars.get(school?.school.localAuthority ?? LA) ?? calendars.get(LA);
      return cal !== undefined && schoolDaysInRange(cal, addDays(p.dueDate, 1), addDays(day, -1)).length === 0;
    };
    const veryLate = late.filter((p) => daysBetween(p.dueDate, p.meetingDate as string) > 21);
    expect(veryLate.filter((p) => !waitedForTerm(p)).map((p) => [p.dueDate, p.meetingDate])).toEqual([]);
    // The VSH's figure for this school year alone, once it has PEPs enough to judge.
    const thisYear = initial.filter((p) => p.dueDate >= schoolYearBounds(schoolYearOf(today)).start);
    expect(thisYear.length >= 15).toBe(day.yearUnderway);
    if (day.yearUnderway) expect(onTime(thisYear).length / thisYear.length).toBeGreaterThanOrEqual(0.8);
  });

  it("has nursery places for 3- and 4-year-olds, and two-year-olds with no setting and no PEP", async () => {
    const settings = await db.school.findMany({
      where: { phase: "nursery" },
      include: { enrolments: { where: { toDate: null }, include: { child: true } } },
    });
    const pupils = settings.flatMap((s) => s.enrolments.map((e) => e.child));
    expect(pupils.length).toBeGreaterThanOrEqual(3);
    expect(pupils.map((c) => ageOn(c.dateOfBirth, today)).filter((age) => age < 3 || age > 4)).toEqual([]);
    const children = await db.child.findMany({ include: { enrolments: true, peps: true } });
    const belowPepAge = children.filter((c) => ageOn(c.dateOfBirth, today) < defaultPolicy.pepMinAge);
    expect(belowPepAge.length).toBeGreaterThanOrEqual(1);
    expect(belowPepAge.filter((c) => c.enrolments.length > 0 || c.peps.length > 0)).toEqual([]);
  });

  it("has 16- and 17-year-olds at colleges, in sixth forms, and past school age in no education", async () => {
    const children = await db.child.findMany({ include: { enrolments: { include: { school: true } } } });
    const teens = children.filter((c) => ageOn(c.dateOfBirth, today) >= 16 && ageOn(c.dateOfBirth, today) <= 17);
    const placeOf = (c: (typeof teens)[number]) => c.enrolments.find((e) => e.toDate === null)?.school ?? null;
    expect(teens.filter((c) => placeOf(c)?.phase === "post16").length).toBeGreaterThanOrEqual(5);
    expect(teens.filter((c) => placeOf(c)?.phase === "secondary").length).toBeGreaterThanOrEqual(1);
    // Left school at the end of Year 11 (a summer term), past compulsory school age since.
    const leavers = teens.filter(
      (c) => !placeOf(c) && c.enrolments.some((e) => e.yearGroup === "11" && e.toDate?.slice(5, 7) === "07"),
    );
    expect(leavers.length).toBeGreaterThanOrEqual(2);
    expect(leavers.filter((c) => isOfCompulsorySchoolAge(c.dateOfBirth, today))).toEqual([]);
  });

  it("loads two out-of-area authorities' own term dates, unlike the home's, and none for a third", async () => {
    const calendars = await calendarsOf(db);
    const schools = await db.school.findMany();
    const away = [...new Set(schools.filter((s) => s.outOfArea).map((s) => s.localAuthority))].sort();
    expect(away).toHaveLength(3);
    const loaded = away.filter((la) => calendars.has(la));
    expect(loaded).toHaveLength(2);
    const home = calendars.get(LA);
    const { start } = schoolYearBounds(schoolYearOf(today) - 1);
    const { end } = schoolYearBounds(schoolYearOf(today));
    const datesOn = async (la: string) => {
      const ids = schools.filter((s) => s.localAuthority === la).map((s) => s.id);
      const rows = await db.attendanceMark.findMany({
        where: { schoolId: { in: ids } },
        distinct: ["date"],
        select: { date: true },
      });
      return new Set(rows.map((r) => r.date));
    };
    const homeDates = await datesOn(LA);
    for (const la of loaded) {
      const own = calendars.get(la);
      expect(own && home && schoolDaysInRange(own, start, end)).not.toEqual(
        home && schoolDaysInRange(home, start, end),
      );
      // The difference shows on the registers: a day one side marked and the other did not.
      const dates = await datesOn(la);
      expect(dates.size).toBeGreaterThan(0);
      const differ =
        [...dates].filter((d) => !homeDates.has(d)).length + [...homeDates].filter((d) => !dates.has(d)).length;
      expect(differ).toBeGreaterThan(0);
    }
    const fallback = away.find((la) => !calendars.has(la));
    expect(await db.enrolment.count({ where: { toDate: null, school: { localAuthority: fallback } } })).toBeGreaterThan(
      0,
    );
    expect(await misplacedMarks(db, LA)).toEqual({ notSchoolDay: 0, notEnrolled: 0 });
  });

  it("has a few care-plan reviews overdue, some with the next one booked (late) and some not", async () => {
    const children = await db.child.findMany({ where: cohortWhere(today), include: { reviews: true } });
    const overdue = children.filter((c) => {
      const held = c.reviews
        .filter((r) => r.status === "held" && r.date <= today && r.date >= (c.lookedAfterSince ?? ""))
        .map((r) => r.date)
        .sort();
      const last = held[held.length - 1];
      return held.length >= 2 && last !== undefined && addMonths(last, defaultPolicy.laterReviewMonths) < today;
    });
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(overdue.length).toBeLessThanOrEqual(10);
    const booked = overdue.filter((c) => c.reviews.some((r) => r.status === "planned" && r.date > today));
    expect(booked.length).toBeGreaterThanOrEqual(1);
    expect(booked.length).toBeLessThan(overdue.length);
  });

  it("keeps the records of children who left care, and has short breaks and care begun before the records", async () => {
    const left = await db.child.findMany({
      where: { ceasedLookedAfter: { not: null, lte: today } },
      include: { placements: true, peps: true, reviews: true, enrolments: true },
    });
    expect(left.length).toBeGreaterThanOrEqual(3);
    for (const c of left) {
      const ceased = c.ceasedLookedAfter as string;
      expect(ceased > (c.lookedAfterSince ?? "")).toBe(true);
      expect(c.placements.length).toBeGreaterThan(0);
      expect(c.placements.filter((p) => p.toDate === null || p.toDate > ceased)).toEqual([]);
      expect(c.peps.filter((p) => p.meetingDate === null || p.meetingDate >= ceased)).toEqual([]);
      expect(c.reviews.filter((r) => r.date >= ceased)).toEqual([]);
    }
    // Some previously looked after (adopted, special guardianship, child arrangements), some not.
    const reasons = left.map((c) => c.ceasedReason ?? "none");
    expect(reasons.filter((r) => isPreviouslyLookedAfter(r)).length).toBeGreaterThanOrEqual(2);
    expect(reasons.filter((r) => !isPreviouslyLookedAfter(r)).length).toBeGreaterThanOrEqual(1);
    const shortBreaks = await db.child.findMany({
      where: { legalStatus: { in: ["V3", "V4"] } },
      include: { peps: true },
    });
    expect(shortBreaks.length).toBeGreaterThanOrEqual(2);
    expect(shortBreaks.flatMap((c) => c.peps)).toEqual([]);
    // No initial PEP when care began before the records; their termly PEPs: seed-peps.test.ts.
    const startUnknown = await db.child.findMany({
      where: { careStartKnown: false },
      include: { peps: { where: { term: "initial" } } },
    });
    expect(startUnknown.length).toBeGreaterThanOrEqual(3);
    expect(startUnknown.flatMap((c) => c.peps)).toEqual([]);
  });

  it("writes no mark for a register that has not closed, and two U marks once the morning's has", async () => {
    const sessions = await db.attendanceMark.groupBy({
      by: ["session"],
      where: { date: today },
      _count: { _all: true },
    });
    const count = (session: string) => sessions.find((s) => s.session === session)?._count._all ?? 0;
    expect([count("AM") > 0, count("PM") > 0]).toEqual([day.am, day.pm]);
    expect(await db.attendanceMark.count({ where: { date: { gt: today } } })).toBe(0);
    const late = await db.attendanceMark.findMany({ where: { date: today, session: "AM", code: "U" } });
    expect(late.length).toBe(day.am ? 2 : 0);
    // In school all the same: present in the afternoon once that register has closed.
    const afternoon = await db.attendanceMark.findMany({
      where: { date: today, session: "PM", childId: { in: late.map((m) => m.childId) } },
    });
    expect(afternoon.map((m) => m.code)).toEqual(day.pm ? ["\\", "\\"] : []);
  });

  it("has one in-area school whose feed stopped a few school days ago, the others marked to date", async () => {
    const cal = (await calendarsOf(db)).get(LA);
    if (!cal) throw new Error("no home calendar");
    const schools = await db.school.findMany({
      where: { outOfArea: false, enrolments: { some: { toDate: null } } },
      select: { id: true },
    });
    expect(schools.length).toBeGreaterThan(20);
    const latest = await db.attendanceMark.groupBy({ by: ["schoolId"], _max: { date: true } });
    const lastMark = new Map(latest.map((l) => [l.schoolId, l._max.date]));
    // School days before today with no mark from the school.
    const gap = (id: number) =>
      schoolDaysBetween(cal, addDays(lastMark.get(id) ?? "2000-01-01", 1), addDays(today, -1));
    const quiet = schools.filter((s) => gap(s.id) >= defaultPolicy.attendanceDataGapSchoolDays);
    expect(quiet.map((s) => gap(s.id))).toEqual([4]);
    const stoppedOn = lastMark.get(quiet[0]?.id ?? -1);
    expect(stoppedOn !== undefined && stoppedOn !== null && stoppedOn < (previousSchoolDay(cal, today) ?? "")).toBe(
      true,
    );
  });
});
