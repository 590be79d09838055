/**
 * The demo's PEPs as a Virtual School Head would read them: meetings are on school days of
 * the child's school (a PEP is held with the school; the rules read a termly meeting in a
 * holiday as the term before's, held late), but for an initial PEP whose whole window from
 * care to deadline was a holiday (held then, by its working-day deadline, without the
 * school), and the children whose care began before the
 * records have a PEP each term, held on time, so nearly all of them are in date on the
 * VSH's own figure rather than all of them out of it. Checked on the seeded database with
 * the product's judgements, never the seed's plan.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCalendarRepo } from "../../core/calendar/calendar.repo.js";
import { type CompiledCalendar, isSchoolDay, schoolDaysInRange } from "../../core/calendar/school-days.js";
import { cohortWhere } from "../../core/children/care.js";
import { loadJudgements } from "../../core/children/judgements.js";
import { HELD_STATES } from "../../core/peps/pep.rules.js";
import { fixedClock } from "../../core/platform/clock.js";
import type { Db } from "../../core/platform/db.js";
import { defaultPolicy } from "../../core/policy.js";
import { seedDemo } from "../../prisma/seed/index.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { calendarsOf } from "./seed-checks.js";

const LA = "999";
const open: TestDb[] = [];

/** A term day after both registers, a Saturday, and the summer holiday (the next term's PEPs ahead). */
const DAYS = [
  { label: "a term day", today: "2026-11-24", time: "14:00" },
  { label: "a Saturday", today: "2026-11-28", time: "12:00" },
  { label: "the summer holiday", today: "2027-08-10", time: "12:00" },
];

afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});

describe.each(DAYS)("the demo's PEPs seeded on $label ($today)", ({ today, time }) => {
  let db: Db;
  const clock = fixedClock(today, time);
  beforeAll(async () => {
    const t = await createTestDb(`seed-peps-${today}`);
    open.push(t);
    db = t.db;
    await seedDemo(db, { today, laCode: LA, now: clock.now() });
  }, 60_000);

  it("holds and books PEP meetings on school days of the child's school, bar initial PEPs due in a holiday", async () => {
    const calendars = await calendarsOf(db);
    const home = calendars.get(LA) as CompiledCalendar;
    const calendarOf = (la: string | undefined) => (la === undefined ? home : (calendars.get(la) ?? home));
    const peps = await db.pep.findMany({
      where: { meetingDate: { not: null } },
      include: { child: { include: { enrolments: { include: { school: true } } } } },
    });
    expect(peps.length).toBeGreaterThan(500);
    const offDays = peps.flatMap((p) => {
      const day = p.meetingDate as string;
      const onRoll = (date: string) =>
        p.child.enrolments.find((e) => e.fromDate <= date && (e.toDate === null || e.toDate >= date));
      // The school that held it, and the one whose calendar the rules judge the child on today.
      const held = calendarOf(onRoll(day)?.school.localAuthority);
      const judged = calendarOf(onRoll(today)?.school.localAuthority);
      if (isSchoolDay(held, day) && isSchoolDay(judged, day)) return [];
      const since = p.child.lookedAfterSince ?? day;
      const wholeWindowOff = schoolDaysInRange(held, since, p.dueDate).length === 0;
      return p.term === "initial" && day <= p.dueDate && wholeWindowOff ? [] : [`${p.childId} ${p.term} ${day}`];
    });
    expect(offDays).toEqual([]);
    // The exception is rare: care that began in the summer holiday.
    const inHoliday = peps.filter((p) => p.term === "initial" && !isSchoolDay(home, p.meetingDate as string));
    expect(inHoliday.length).toBeLessThanOrEqual(12);
  });

  it("gives children whose care began before the records a PEP each term on time, and nearly all are in date", async () => {
    const children = await db.child.findMany({ where: { careStartKnown: false }, include: { peps: true } });
    expect(children.length).toBeGreaterThanOrEqual(3);
    for (const c of children) {
      // No initial PEP: the rules ask none when the start of care is unknown.
      expect(c.peps.filter((p) => p.term === "initial")).toEqual([]);
      const held = c.peps.filter((p) => (HELD_STATES as ReadonlySet<string>).has(p.status) && p.meetingDate !== null);
      expect(held.length).toBeGreaterThanOrEqual(2);
      expect(held.filter((p) => (p.meetingDate as string) > p.dueDate)).toEqual([]);
    }
    const deps = { db, calendars: createCalendarRepo(db, LA), policy: defaultPolicy, clock };
    const judged = await loadJudgements(deps, { careStartKnown: false, ...cohortWhere(today) }, today);
    expect(judged.length).toBe(children.length);
    expect(judged.filter((c) => c.pep.required && !c.pep.inDate).length).toBeLessThanOrEqual(1);
  });

  it("puts the VSH's PEPs-in-date figure where a real authority's is: most children, not all", async () => {
    const judged = await loadJudgements(
      { db, calendars: createCalendarRepo(db, LA), policy: defaultPolicy, clock },
      cohortWhere(today),
      today,
    );
    const needPep = judged.filter((c) => c.pep.required);
    const inDate = needPep.filter((c) => c.pep.inDate).length / needPep.length;
    expect(inDate).toBeGreaterThanOrEqual(0.8);
    expect(inDate).toBeLessThan(0.97);
  });
});
