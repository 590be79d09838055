/**
 * A child's education status on a given day: the one summary the Teams card, the tab and
 * the nightly scan all read, so that they never disagree. Pure: facts, today and policy in.
 *
 * Decisions a Virtual School officer should know:
 * - "On roll" means an enrolment covering today; one starting later is shown as
 *   `nextSchool` and the child still counts as without a place until it starts, unless
 *   it starts by the next school day (no school day is missed).
 * - Days without a school place: the rule in school-place.ts (school days at compulsory
 *   school age, from the latest of the prescribed day, the start of care and the day after
 *   the last place ended), the same count and line as the caseload, the figures and the scan.
 * - Attendance uses this school year's marks up to today. Runs of unexplained absence
 *   are looked for only while on roll, from the later of 1 August and the enrolment start,
 *   so the gap between two schools is reported as "no school place", not as absence.
 * - Exclusions: the judgement in exclusions.ts (back-to-back suspensions counted together
 *   for the sixth-day duty, the same set, dates and colours as the scan's alerts).
 * - A part-time timetable runs from its start until the day it ended is recorded, past
 *   its planned end too (that is when it most needs looking at, as the alerts say).
 */

import { attendanceStatus } from "../attendance/attendance.status.js";
import { asCompiledCalendar } from "../calendar/school-days.js";
import { pepStatusOf } from "../peps/pep.owed.js";
import type { IsoDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { careRecordOf, careStatus } from "./care.js";
import { exclusionSummary, judgeExclusions } from "./exclusions.js";
import { daysWithoutSchoolPlace, schoolPlace } from "./school-place.js";
import type {
  ChildFacts,
  CurrentSchool,
  EducationStatus,
  Enrolment,
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
    `Term dates for the school's authority (LA ${t.schoolLaCode}) are not loaded for this school year: school days are counted on the home authority's term dates.`,
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
  const lastPlaceEnded = facts.enrolments.reduce<IsoDate | null>(
    (last, e) => (e.toDate !== null && e.toDate < today && (last === null || e.toDate > last) ? e.toDate : last),
    null,
  );
  const place = schoolPlace(
    {
      onRoll: enrolment !== null,
      dateOfBirth: child.dateOfBirth ?? null,
      careSince: care.kind === "looked_after" ? care.since : null,
      lastPlaceEnded,
      nextPlaceFrom: upcoming?.fromDate ?? null,
    },
    cal,
    today,
    policy,
  );
  const exclusions = judgeExclusions(facts.exclusions, {
    today,
    calendar: cal,
    bankHolidays,
    policy,
    placeFrom: enrolment?.fromDate ?? null,
  });

  const status: StatusBasis = {
    childId: child.id,
    lookedAfter: care.kind === "looked_after",
    care,
    school: enrolment ? withoutEndDate(enrolment) : null,
    nextSchool: upcoming ? { schoolName: upcoming.schoolName, fromDate: upcoming.fromDate } : null,
    daysWithoutSchoolPlace: daysWithoutSchoolPlace(place),
    attendance: attendanceStatus(facts.marks, enrolment, cal, today, policy, facts.registersClosed),
    pep: pepStatusOf(facts, today, policy),
    sen: { status: child.senStatus, ehcp: child.senStatus === "ehcp" },
    exclusions: exclusionSummary(exclusions, today),
    partTime: partTimeStatus(facts.partTime ?? [], today),
    recentActions: [...facts.actions].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, RECENT_ACTIONS),
    placement: currentOf(facts.placements, today),
  };
  return { ...status, flags: statusFlags(status, policy), notes: statusNotes(facts) };
}
