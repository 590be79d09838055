/**
 * The same judgements a child's status makes (attendance, PEP, school place), for many
 * children at once: marks are counted per child and code in the database, everything
 * else is read in one query per table, and the pure rules decide. Used by the VSH's
 * figures and by caseload lists, so both agree with each child's status card.
 */

import { activeOn } from "../access/scope.js";
import { aggregateMarks, runFloors } from "../attendance/attendance.aggregate.js";
import {
  type AttendanceDataGap,
  type AttendanceSummary,
  attendanceDataGap,
  isMissingEducation,
  registersClosedAt,
  runStart,
  summariseCodeCounts,
  todaySessions,
  type UnexplainedRun,
  unexplainedRun,
} from "../attendance/attendance.rules.js";
import { loadRunMarks } from "../attendance/runs.repo.js";
import { englandBankHolidaySet } from "../calendar/bank-holidays.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { isSchoolDay } from "../calendar/school-days.js";
import { type PepRecord, type PepStatus, pepStatus, reviewDates } from "../peps/pep.rules.js";
import type { Clock } from "../platform/clock.js";
import { groupBy } from "../platform/collections.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db, Prisma } from "../platform/db.js";
import type { Policy } from "../policy.js";
import { type CareStatus, careStatus } from "./care.js";
import { type ExclusionRecord, exclusionSummary, exclusionWindow, judgeExclusions } from "./exclusions.js";
import { type SchoolPlaceJudgement, schoolPlace } from "./school-place.js";
import { loadPlaceHistory } from "./school-place.repo.js";
import { partTimeStatus } from "./status.js";
import type { PartTimeStatus } from "./status.types.js";

export type ChildJudgement = {
  id: number;
  firstName: string;
  lastName: string;
  senStatus: string;
  school: { id: number; name: string } | null;
  attendance: AttendanceSummary;
  /** Absent today as the status card and the scan judge it (attendance.today.ts): never for U. */
  unexplainedToday: boolean;
  /** The school has sent no marks for a while: "no attendance data since …" (attendance.feed.ts). */
  attendanceDataGap: AttendanceDataGap | null;
  /** The current run of unexplained absence on roll, as the card and the scan count it (attendance.runs.ts). */
  currentUnexplainedRun: UnexplainedRun | null;
  /** That run is long enough to report: the card's missing_education flag and the alert. */
  missingEducation: boolean;
  /** Looked after, left care, short breaks: see care.ts. */
  care: CareStatus;
  pep: PepStatus;
  /** The part-time timetable running today, judged as the status card judges it. */
  partTime: PartTimeStatus | null;
  /** Without a school place, judged as the status card judges it (school-place.ts). */
  schoolPlace: SchoolPlaceJudgement;
  /** The run of suspensions the card shows (exclusions.ts), when it is running today. */
  suspendedToday: { endDate: IsoDate; severity: "red" | "amber" } | null;
};

export async function loadJudgements(
  deps: { db: Db; calendars: CalendarRepo; policy: Policy; clock: Clock },
  where: Prisma.ChildWhereInput,
  today: IsoDate,
): Promise<ChildJudgement[]> {
  const { db, calendars, policy, clock } = deps;
  const registers = registersClosedAt(clock.now(), policy);
  const year = schoolYearOf(today);
  const child = { is: where };
  const window = exclusionWindow(today);
  const [children, onRoll, places, markCounts, todayMarks, peps, reviews, partTime, exclusions] = await Promise.all([
    db.child.findMany({
      where,
      select: {
        id: true,
        firstName: true,
        lastName: true,
        dateOfBirth: true,
        lookedAfterSince: true,
        careStartKnown: true,
        ceasedLookedAfter: true,
        ceasedReason: true,
        legalStatus: true,
        senStatus: true,
      },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    }),
    db.enrolment.findMany({
      where: { ...activeOn(today), child },
      // The last row per child wins below: the latest-starting place, as the card's currentOf.
      orderBy: [{ fromDate: "asc" }, { id: "asc" }],
      select: {
        childId: true,
        fromDate: true,
        school: { select: { id: true, name: true, localAuthority: true } },
      },
    }),
    loadPlaceHistory(db, where, today),
    db.attendanceMark.groupBy({
      by: ["childId", "code"],
      where: { date: { gte: schoolYearBounds(year).start, lte: today }, child },
      _count: { _all: true },
      _max: { date: true },
    }),
    db.attendanceMark.findMany({ where: { date: today, child }, select: { childId: true, session: true, code: true } }),
    db.pep.findMany({
      where: { child },
      select: { childId: true, term: true, dueDate: true, meetingDate: true, status: true, rag: true },
    }),
    db.careReview.findMany({ where: { child }, select: { childId: true, date: true, status: true } }),
    db.partTimeTimetable.findMany({ where: { endedOn: null, child } }),
    db.exclusion.findMany({
      where: { child, startDate: { gte: window.from, lte: window.to } },
      select: { id: true, childId: true, kind: true, startDate: true, days: true },
    }),
  ]);
  // Each child's school days on their school's calendar (core/calendar/calendar.repo.ts).
  const calendarFor = await calendars.forSchools(
    onRoll.map((e) => e.school.localAuthority),
    today,
  );

  const { counts, lastMark, lastExplained } = aggregateMarks(
    markCounts.map((r) => ({ childId: r.childId, code: r.code, n: r._count._all, last: r._max.date })),
  );
  const rollStart = new Map(onRoll.map((e) => [e.childId, e.fromDate]));
  // The run, read as the scan reads it: only for children whose latest mark follows the last explained day.
  const floors = runFloors({ lastMark, lastExplained }, rollStart, today);
  const runMarks = await loadRunMarks(db, floors, today, policy);
  const todayOf = groupBy(todayMarks, (m) => m.childId);
  const schoolOf = new Map(onRoll.map((e) => [e.childId, { id: e.school.id, name: e.school.name }]));
  const laOf = new Map(onRoll.map((e) => [e.childId, e.school.localAuthority]));
  const pepsByChild = groupBy(peps, (p) => p.childId);
  const reviewsByChild = groupBy(reviews, (r) => r.childId);
  const partTimeByChild = groupBy(partTime, (t) => t.childId);
  const exclusionsByChild = groupBy(exclusions, (x) => x.childId);
  const bankHolidays = englandBankHolidaySet(year - 1, year + 2);

  return children.map((c) => {
    const care = careStatus(c, today);
    const calendar = calendarFor(laOf.get(c.id));
    // Today and the feed as the card judges them; only while on roll (a register to read).
    const from = rollStart.get(c.id);
    const gap = from ? attendanceDataGap(lastMark.get(c.id) ?? null, from, calendar, today, policy) : null;
    const marks = todayOf.get(c.id) ?? [];
    const runOf = runMarks.get(c.id);
    const run = from
      ? unexplainedRun(
          runStart(runOf?.firstMark ?? null, runOf?.gaps ?? [], calendar, policy),
          lastMark.get(c.id) ?? null,
          calendar,
        )
      : null;
    const suspension = exclusionSummary(
      judgeExclusions((exclusionsByChild.get(c.id) ?? []) as ExclusionRecord[], {
        today,
        calendar,
        bankHolidays,
        policy,
        placeFrom: from ?? null,
      }),
      today,
    ).activeSuspension;
    const raw = (session: string) => marks.find((m) => m.session === session)?.code ?? null;
    const absent = todaySessions(
      { am: raw("AM"), pm: raw("PM") },
      { schoolDay: from !== undefined && isSchoolDay(calendar, today), registers, dataGap: gap !== null },
    );
    return {
      id: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      senStatus: c.senStatus,
      school: schoolOf.get(c.id) ?? null,
      attendance: summariseCodeCounts(counts.get(c.id) ?? new Map(), policy),
      unexplainedToday: absent.unexplainedToday,
      attendanceDataGap: gap,
      currentUnexplainedRun: run,
      missingEducation: isMissingEducation(run, policy),
      care,
      pep: pepStatus({
        lookedAfterSince: care.kind === "looked_after" ? care.since : null,
        careStartKnown: c.careStartKnown,
        dateOfBirth: c.dateOfBirth,
        peps: (pepsByChild.get(c.id) ?? []) as PepRecord[],
        ...reviewDates(reviewsByChild.get(c.id) ?? []),
        today,
        calendar,
        bankHolidays,
        policy,
      }),
      partTime: partTimeStatus(partTimeByChild.get(c.id) ?? [], today),
      suspendedToday:
        suspension && suspension.startDate <= today
          ? { endDate: suspension.endDate, severity: suspension.severity }
          : null,
      schoolPlace: schoolPlace(
        {
          onRoll: schoolOf.has(c.id),
          dateOfBirth: c.dateOfBirth,
          careSince: care.kind === "looked_after" ? care.since : null,
          ...places(c.id),
        },
        calendar,
        today,
        policy,
      ),
    };
  });
}
