/**
 * A child's education status on a given day: the one summary the Teams card, the tab and
 * the nightly scan all read, so that they never disagree. Pure: facts, today and policy in.
 *
 * Decisions a Virtual School officer should know:
 * - "On roll" means an enrolment covering today; one starting later is shown as
 *   `nextSchool` and the child still counts as without a place until it starts.
 * - Days without a school place count school days from the later of the day after the last
 *   place ended and the day the child became looked after (the Virtual School's duty
 *   starts then), today included.
 * - Attendance uses this school year's marks up to today. Runs of unexplained absence
 *   are looked for only while on roll, from the later of 1 August and the enrolment start,
 *   so the gap between two schools is reported as "no school place", not as absence.
 * - Suspension lengths are school days: a suspension starting on a non-school day starts on
 *   the next one. Where the calendar data runs out, working days stand in.
 * - A part-time timetable runs from its start until the day it ended is recorded, past
 *   its planned end too (that is when it most needs looking at, as the alerts say).
 */

import { attendanceStatus } from "../attendance/attendance.status.js";
import {
  addSchoolDays,
  addWorkingDays,
  asCompiledCalendar,
  type CompiledCalendar,
  schoolDaysBetween,
} from "../calendar/school-days.js";
import { pepStatus } from "../peps/pep.rules.js";
import { addDays, type IsoDate, maxDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { careRecordOf, careStatus } from "./care.js";
import { isOfCompulsorySchoolAge } from "./school-age.js";
import type {
  ChildFacts,
  CurrentSchool,
  EducationStatus,
  Enrolment,
  Exclusion,
  ExclusionSummary,
  PartTimeStatus,
  PartTimeTimetable,
  StatusBasis,
} from "./status.types.js";
import { statusFlags } from "./status-flags.js";

export type * from "./status.types.js";

const RECENT_ACTIONS = 5;

/** The record covering `today` (the latest-starting one if several overlap). */
export function currentOf<T extends { fromDate: IsoDate; toDate: IsoDate | null }>(
  records: readonly T[],
  today: IsoDate,
): T | null {
  let found: T | null = null;
  for (const r of records) {
    const covers = r.fromDate <= today && (r.toDate === null || r.toDate >= today);
    if (covers && (!found || r.fromDate >= found.fromDate)) found = r;
  }
  return found;
}

function withoutEndDate({ toDate: _current, ...school }: Enrolment): CurrentSchool {
  return school;
}

function daysWithoutSchoolPlace(
  enrolments: readonly Enrolment[],
  lookedAfterSince: IsoDate | null,
  cal: CompiledCalendar,
  today: IsoDate,
): number | null {
  const ends = enrolments.flatMap((e) => (e.toDate !== null && e.toDate < today ? [addDays(e.toDate, 1)] : []));
  const starts = lookedAfterSince !== null && lookedAfterSince <= today ? [...ends, lookedAfterSince] : ends;
  if (starts.length === 0) return null;
  return schoolDaysBetween(cal, starts.reduce(maxDate), today);
}

/** The `n`th school day of a span starting on `start` (day 1 is `start` or the next school day). */
function nthSchoolDay(cal: CompiledCalendar, start: IsoDate, n: number, bankHolidays: ReadonlySet<IsoDate>): IsoDate {
  const first = addSchoolDays(cal, start, 0);
  const day = first === null ? null : addSchoolDays(cal, first, n - 1);
  return day ?? addWorkingDays(addWorkingDays(start, 0, bankHolidays), n - 1, bankHolidays);
}

function exclusionSummary(
  exclusions: readonly Exclusion[],
  cal: CompiledCalendar,
  bankHolidays: ReadonlySet<IsoDate>,
  today: IsoDate,
  policy: Policy,
): ExclusionSummary {
  const { start, end } = schoolYearBounds(schoolYearOf(today));
  const thisYear = exclusions.filter((x) => x.startDate >= start && x.startDate <= end);
  const suspensions = thisYear
    .filter((x) => x.kind === "suspension")
    .sort((a, b) => (a.startDate < b.startDate ? -1 : 1))
    .map((x) => {
      const length = Math.max(1, Math.ceil(x.days));
      return {
        startDate: x.startDate,
        endDate: nthSchoolDay(cal, x.startDate, length, bankHolidays),
        days: x.days,
        educationFrom:
          length >= policy.suspensionEducationFromDay
            ? nthSchoolDay(cal, x.startDate, policy.suspensionEducationFromDay, bankHolidays)
            : null,
      };
    });
  const active = suspensions.find((s) => s.endDate >= today) ?? null;
  const permanent = thisYear
    .filter((x) => x.kind === "permanent")
    .sort((a, b) => (a.startDate < b.startDate ? 1 : -1))[0];
  return {
    suspensionsThisYear: suspensions.length,
    suspensionDaysThisYear: suspensions.reduce((n, s) => n + s.days, 0),
    permanent: permanent !== undefined,
    permanentExclusionDate: permanent?.startDate ?? null,
    educationDueFromDay6: active?.educationFrom != null,
    activeSuspension: active,
  };
}

/** The part-time timetable running on `today`: started and no end recorded (the latest, if several). */
export function partTimeStatus(timetables: readonly PartTimeTimetable[], today: IsoDate): PartTimeStatus | null {
  const running = timetables
    .filter((t) => t.startDate <= today && t.endedOn === null)
    .sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : b.id - a.id))[0];
  if (!running) return null;
  const { startDate, plannedEndDate, reviewDate, hoursPerWeek } = running;
  return { startDate, plannedEndDate, reviewDate, hoursPerWeek, reviewOverdue: today > reviewDate };
}

/** Notes on the figures: an out-of-area school whose term dates are not loaded is counted on the home authority's. */
function statusNotes(facts: ChildFacts): string[] {
  const t = facts.termDates;
  if (!t?.fallback || !t.schoolLaCode) return [];
  return [
    `Term dates for the school's authority (LA ${t.schoolLaCode}) are not loaded: school days are counted on the home authority's term dates.`,
  ];
}

/** The education status summary for one child on `today`. */
export function educationStatus(facts: ChildFacts, today: IsoDate, policy: Policy): EducationStatus {
  const cal = asCompiledCalendar(facts.calendar);
  const bankHolidays: ReadonlySet<IsoDate> =
    facts.bankHolidays instanceof Set ? facts.bankHolidays : new Set(facts.bankHolidays);
  const { child } = facts;
  const care = careStatus(careRecordOf(facts), today);
  const enrolment = currentOf(facts.enrolments, today);
  const upcoming = facts.enrolments
    .filter((e) => e.fromDate > today)
    .sort((a, b) => (a.fromDate < b.fromDate ? -1 : 1))[0];

  const status: StatusBasis = {
    childId: child.id,
    lookedAfter: care.kind === "looked_after",
    care,
    school: enrolment ? withoutEndDate(enrolment) : null,
    nextSchool: upcoming ? { schoolName: upcoming.schoolName, fromDate: upcoming.fromDate } : null,
    daysWithoutSchoolPlace: enrolment
      ? 0
      : child.dateOfBirth && !isOfCompulsorySchoolAge(child.dateOfBirth, today)
        ? null
        : daysWithoutSchoolPlace(facts.enrolments, child.lookedAfterSince, cal, today),
    attendance: attendanceStatus(facts.marks, enrolment, cal, today, policy),
    pep: pepStatus({
      lookedAfterSince: care.kind === "looked_after" ? care.since : null,
      careStartKnown: child.careStartKnown ?? true,
      dateOfBirth: child.dateOfBirth ?? null,
      peps: facts.peps,
      reviews: facts.reviews,
      plannedReviews: facts.plannedReviews ?? [],
      today,
      calendar: cal,
      bankHolidays,
      policy,
    }),
    sen: { status: child.senStatus, ehcp: child.senStatus === "ehcp" },
    exclusions: exclusionSummary(facts.exclusions, cal, bankHolidays, today, policy),
    partTime: partTimeStatus(facts.partTime ?? [], today),
    recentActions: [...facts.actions].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, RECENT_ACTIONS),
    placement: currentOf(facts.placements, today),
  };
  return { ...status, flags: statusFlags(status, policy), notes: statusNotes(facts) };
}
