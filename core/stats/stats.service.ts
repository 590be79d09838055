/**
 * The Virtual School "as if a single school": the figures a VSH reports to the
 * corporate parenting board. Aggregates in the database (marks grouped by child and
 * code), judges in the pure rules, so the numbers match each child's status card.
 */
import { type Actor, requireRole } from "../access/roles.js";
import { activeOn } from "../access/scope.js";
import { summariseCodeCounts } from "../attendance/attendance.rules.js";
import { isUnexplained, normaliseAttendanceCode } from "../attendance/codes.js";
import { englandBankHolidaySet } from "../calendar/bank-holidays.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { isOfCompulsorySchoolAge } from "../children/school-age.js";
import { type PepRecord, pepStatus } from "../peps/pep.rules.js";
import type { Clock } from "../platform/clock.js";
import { schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import type { Policy } from "../policy.js";
import { statsFigures } from "./stats.rules.js";

type Deps = { db: Db; clock: Clock; calendars: CalendarRepo; policy: Policy };

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

export function createStatsService({ db, clock, calendars, policy }: Deps) {
  return {
    async summary(actor: Actor) {
      requireRole(actor, "vsh");
      const today = clock.today();
      const year = schoolYearOf(today);
      const { start } = schoolYearBounds(year);
      const lookedAfter = { ceasedLookedAfter: null };
      const [children, onRoll, markCounts, todayMarks, peps, reviews, exclusions, calendar] = await Promise.all([
        db.child.findMany({
          where: lookedAfter,
          select: { id: true, dateOfBirth: true, lookedAfterSince: true, senStatus: true },
        }),
        db.enrolment.findMany({ where: { ...activeOn(today), child: lookedAfter }, select: { childId: true } }),
        db.attendanceMark.groupBy({
          by: ["childId", "code"],
          where: { date: { gte: start, lte: today }, child: lookedAfter },
          _count: { _all: true },
        }),
        db.attendanceMark.findMany({
          where: { date: today, child: lookedAfter },
          select: { childId: true, code: true },
        }),
        db.pep.findMany({
          where: { child: lookedAfter },
          select: { childId: true, term: true, dueDate: true, meetingDate: true, status: true, rag: true },
        }),
        db.careReview.findMany({ where: { child: lookedAfter }, select: { childId: true, date: true } }),
        db.exclusion.findMany({
          where: { startDate: { gte: start, lte: today }, child: lookedAfter },
          select: { childId: true, kind: true, days: true },
        }),
        calendars.forAuthority(),
      ]);

      const countsByChild = new Map<number, Map<string, number>>();
      for (const row of markCounts) {
        const counts = countsByChild.get(row.childId) ?? new Map<string, number>();
        counts.set(row.code, row._count._all);
        countsByChild.set(row.childId, counts);
      }
      const pepsByChild = groupBy(peps, (p) => p.childId);
      const reviewsByChild = groupBy(reviews, (r) => r.childId);
      const bankHolidays = englandBankHolidaySet(year - 1, year + 2);
      const enrolled = new Set(onRoll.map((e) => e.childId));

      return {
        asOf: today,
        ...statsFigures({
          children: children.map((c) => ({
            id: c.id,
            senStatus: c.senStatus,
            onRoll: enrolled.has(c.id),
            compulsorySchoolAge: isOfCompulsorySchoolAge(c.dateOfBirth, today),
            attendance: summariseCodeCounts(countsByChild.get(c.id) ?? new Map(), policy),
            pep: pepStatus({
              lookedAfterSince: c.lookedAfterSince,
              dateOfBirth: c.dateOfBirth,
              peps: (pepsByChild.get(c.id) ?? []) as PepRecord[],
              reviews: (reviewsByChild.get(c.id) ?? []).map((r) => r.date),
              today,
              calendar,
              bankHolidays,
              policy,
            }),
          })),
          unexplainedToday: new Set(
            todayMarks.filter((m) => isUnexplained(normaliseAttendanceCode(m.code))).map((m) => m.childId),
          ).size,
          exclusions,
        }),
      };
    },
  };
}
