/**
 * Unexplained absence as a Virtual School officer chases it: today's marks, runs of school
 * days with no acceptable reason (the "children missing education" signal) and N marks
 * left unresolved. Pure: marks, school days and today in.
 */
import { addSchoolDays, type CompiledCalendar, schoolDayOnOrBefore } from "../calendar/school-days.js";
import type { IsoDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { type DaySessions, latestMarks, type Mark, marksByDay } from "./attendance.marks.js";
import { type AttendanceCode, isUnexplained, normaliseAttendanceCode } from "./codes.js";

/** Consecutive school days of unexplained absence, both ends included. */
export type UnexplainedRun = { days: number; from: IsoDate; to: IsoDate };

/** Every session unexplained: G, N, O, U, no mark, or a mark that is not a code. */
function dayUnexplained(day: DaySessions | undefined): boolean {
  return day === undefined || (isUnexplained(day.AM) && isUnexplained(day.PM));
}

/** Runs over `schoolDays` (ascending); days that are not school days are skipped, not breaks. */
function unexplainedRuns(byDay: Map<IsoDate, DaySessions>, schoolDays: readonly IsoDate[]): UnexplainedRun[] {
  const runs: UnexplainedRun[] = [];
  let current: UnexplainedRun | null = null;
  for (const date of schoolDays) {
    if (!dayUnexplained(byDay.get(date))) current = null;
    else if (current) {
      current.days++;
      current.to = date;
    } else {
      current = { days: 1, from: date, to: date };
      runs.push(current);
    }
  }
  return runs;
}

/**
 * The longest run of school days on which every session was unexplained; a school day
 * with no marks at all counts (DOMAIN: "no mark" is itself a concern). On a tie the most
 * recent run is returned. Null when there is none.
 */
export function longestUnexplainedRun(marks: readonly Mark[], schoolDays: readonly IsoDate[]): UnexplainedRun | null {
  let longest: UnexplainedRun | null = null;
  for (const run of unexplainedRuns(marksByDay(marks), schoolDays)) {
    if (!longest || run.days >= longest.days) longest = run;
  }
  return longest;
}

/**
 * The run still going on `today` (or on the last school day before it). Today counts only
 * once it carries a mark: with none yet, its registers may simply still be open.
 */
export function currentUnexplainedRun(
  marks: readonly Mark[],
  schoolDays: readonly IsoDate[],
  today: IsoDate,
): UnexplainedRun | null {
  const byDay = marksByDay(marks);
  const upTo = schoolDays.filter((d) => d < today || (d === today && byDay.get(d)?.marked === true));
  const runs = unexplainedRuns(byDay, upTo);
  const last = runs[runs.length - 1];
  return last && last.to === upTo[upTo.length - 1] ? last : null;
}

export type TodaySessions = {
  am: AttendanceCode | null;
  pm: AttendanceCode | null;
  /** A session today carries an unauthorised code (G, N, O, U): chase it today. */
  unexplainedToday: boolean;
};

/**
 * Today's marks. A missing mark does not set `unexplainedToday`: without the calendar
 * this cannot tell a closed register from a weekend; the runs above handle "no mark".
 */
export function sessionsToday(marks: readonly Mark[], today: IsoDate): TodaySessions {
  const day = marksByDay(marks.filter((m) => m.date === today)).get(today);
  const am = day?.AM ?? null;
  const pm = day?.PM ?? null;
  const flagged = (code: AttendanceCode | null) => code !== null && isUnexplained(code);
  return { am, pm, unexplainedToday: flagged(am) || flagged(pm) };
}

/**
 * N marks ("reason not yet established") still unresolved more than
 * `unauthorisedResolveSchoolDays` school days later: an N on a Monday may stand until the
 * following Monday and is reported from the Tuesday. Works from one cut-off date (the
 * school day that many school days before the last one up to today) so the nightly scan
 * does not count school days mark by mark.
 */
export function unresolvedReasonMarks(
  marks: readonly Mark[],
  cal: CompiledCalendar,
  today: IsoDate,
  policy: Policy,
): Mark[] {
  const lastSchoolDay = schoolDayOnOrBefore(cal, today);
  const cutOff = lastSchoolDay && addSchoolDays(cal, lastSchoolDay, -policy.unauthorisedResolveSchoolDays);
  if (!cutOff) return [];
  return latestMarks(marks).filter((m) => m.date < cutOff && normaliseAttendanceCode(m.code) === "N");
}
