/**
 * Runs of unexplained absence (the "children missing education" and roll-removal signal)
 * and N marks left unresolved. Pure: marks or dates, the calendar and today in.
 *
 * The run rule, once, for the status card (from the child's marks) and the scan (from its
 * per-code aggregate): a school day is explained when any session carries a mark other
 * than G, N, O, no mark or a mark that is not a code (so U, present, approved activity,
 * authorised absence, closures). The current run starts on the first day with a mark
 * after the last explained day (never before the child joined the roll, nor before the
 * school year), and ends on the latest day with a mark. Every school day in between
 * counts, marked or not: a day in the middle of unexplained absence that no one marked is
 * a day no one explained. School days before its first mark or after its latest are the
 * feed's silence, not the child's absence (attendance.feed.ts): they neither start nor
 * lengthen a run. So is a stretch inside the run of at least `attendanceDataGapSchoolDays`
 * blank school days (the length after which the card says "no attendance data"): a feed
 * outage between two N marks is not ten days of absence, so the run restarts with the
 * mark after it; shorter blanks still count. Today joins once it carries a mark. Both
 * sources reduce to the same dates (last explained, first mark since, the gaps between
 * marks long enough to break a run, latest mark), so both count the same days.
 */
import {
  addSchoolDays,
  type CompiledCalendar,
  schoolDayOnOrBefore,
  schoolDaysBetween,
} from "../calendar/school-days.js";
import { addDays, daysBetween, type IsoDate, maxDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { latestMarks, type Mark } from "./attendance.marks.js";
import { isUnexplained, normaliseAttendanceCode } from "./codes.js";

/** Consecutive school days of unexplained absence, both ends included. */
export type UnexplainedRun = { days: number; from: IsoDate; to: IsoDate };

/** A run long enough that schools must report it: possibly missing education (card, caseload, alert). */
export const isMissingEducation = (run: UnexplainedRun | null, policy: Policy): boolean =>
  run !== null && run.days >= policy.missingEducationSchoolDays;

/** Two marked days with no mark between them: `before` the earlier, `after` the later. */
export type MarkGap = { before: IsoDate; after: IsoDate };

/** School days strictly between two marked days: the days the school sent nothing. */
const blankSchoolDays = (cal: CompiledCalendar, gap: MarkGap): number =>
  schoolDaysBetween(cal, addDays(gap.before, 1), addDays(gap.after, -1));

/**
 * A stretch the feed was silent for long enough that the run on either side is not one run.
 * Marked days closer than that in calendar days (most pairs: the next school day) hold too
 * few school days to count, so the calendar is not asked.
 */
const breaksRun = (cal: CompiledCalendar, gap: MarkGap, policy: Policy): boolean =>
  daysBetween(gap.before, gap.after) - 1 >= policy.attendanceDataGapSchoolDays &&
  blankSchoolDays(cal, gap) >= policy.attendanceDataGapSchoolDays;

/** Each marked day paired with the next (`dates` ascending, distinct). */
export const markGaps = (dates: readonly IsoDate[]): MarkGap[] =>
  dates.slice(1).map((after, i) => ({ before: dates[i] as IsoDate, after }));

/**
 * The first day of the current run: `firstMark` (the first mark on or after the run's
 * floor), or the mark after the last stretch inside the run that breaks it. `gaps` may be
 * every pair of consecutive marked days since `firstMark`, or only those far enough apart
 * in calendar days to hold such a stretch (the scan reads no others): the answer is the same.
 */
export function runStart(
  firstMark: IsoDate | null,
  gaps: readonly MarkGap[],
  cal: CompiledCalendar,
  policy: Policy,
): IsoDate | null {
  if (firstMark === null) return null;
  let start = firstMark;
  for (const gap of gaps) {
    if (gap.before >= firstMark && gap.after > start && breaksRun(cal, gap, policy)) start = gap.after;
  }
  return start;
}

/** A raw mark that explains its day (see the module comment): anything but G, N, O or no code. */
export function explainsTheDay(raw: string): boolean {
  const code = normaliseAttendanceCode(raw);
  return code !== null && !isUnexplained(code);
}

/** The earliest day the current run may start: after the last explained day, on roll, this school year. */
export function runFloor(lastExplained: IsoDate | null, rollStart: IsoDate, today: IsoDate): IsoDate {
  const floor = maxDate(schoolYearBounds(schoolYearOf(today)).start, rollStart);
  return lastExplained === null ? floor : maxDate(floor, addDays(lastExplained, 1));
}

/**
 * The run from `firstMark` (the first day with a mark on or after the run's floor) to
 * `lastMark` (the latest day with a mark), in school days; null when there is none.
 */
export function unexplainedRun(
  firstMark: IsoDate | null,
  lastMark: IsoDate | null,
  cal: CompiledCalendar,
): UnexplainedRun | null {
  if (firstMark === null || lastMark === null) return null;
  const from = addSchoolDays(cal, firstMark, 0);
  const to = schoolDayOnOrBefore(cal, lastMark);
  if (from === null || to === null || from > to) return null;
  return { days: schoolDaysBetween(cal, from, to), from, to };
}

/** The dates the current run is judged from, read from marks (the scan reads them in bulk). */
export type RunDates = {
  lastExplained: IsoDate | null;
  /** The first day of the current run (runStart): after the last explained day and any stretch that breaks it. */
  firstMark: IsoDate | null;
  lastMark: IsoDate | null;
};

/** `marks`: this school year's up to today. */
export function runDates(
  marks: readonly Mark[],
  rollStart: IsoDate,
  cal: CompiledCalendar,
  today: IsoDate,
  policy: Policy,
): RunDates {
  const latest = latestMarks(marks);
  let lastExplained: IsoDate | null = null;
  let lastMark: IsoDate | null = null;
  for (const m of latest) {
    if (lastMark === null || m.date > lastMark) lastMark = m.date;
    if (explainsTheDay(m.code) && (lastExplained === null || m.date > lastExplained)) lastExplained = m.date;
  }
  const floor = runFloor(lastExplained, rollStart, today);
  const since = [...new Set(latest.filter((m) => m.date >= floor).map((m) => m.date))].sort();
  return { lastExplained, firstMark: runStart(since[0] ?? null, markGaps(since), cal, policy), lastMark };
}

/** The run since the last explained day, if any (`marks`: this school year's up to today). */
export function currentUnexplainedRun(
  marks: readonly Mark[],
  rollStart: IsoDate,
  cal: CompiledCalendar,
  today: IsoDate,
  policy: Policy,
): UnexplainedRun | null {
  const { firstMark, lastMark } = runDates(marks, rollStart, cal, today, policy);
  return unexplainedRun(firstMark, lastMark, cal);
}

/**
 * The longest run this school year on roll, by the same rule between each explained day
 * (or stretch that breaks a run) and the next; on a tie the most recent. Null when there is none.
 */
export function longestUnexplainedRun(
  marks: readonly Mark[],
  rollStart: IsoDate,
  cal: CompiledCalendar,
  today: IsoDate,
  policy: Policy,
): UnexplainedRun | null {
  const explained = new Set<IsoDate>();
  const dates = new Set<IsoDate>();
  for (const m of latestMarks(marks)) {
    dates.add(m.date);
    if (explainsTheDay(m.code)) explained.add(m.date);
  }
  // Each stretch between explained days, as [first mark on or after its floor, latest mark].
  const stretches: [IsoDate | null, IsoDate | null][] = [[null, null]];
  let floor = runFloor(null, rollStart, today);
  for (const date of [...dates].sort()) {
    let stretch = stretches[stretches.length - 1] as [IsoDate | null, IsoDate | null];
    if (explained.has(date)) {
      stretches.push([null, null]);
      floor = runFloor(date, rollStart, today);
    } else if (date >= floor) {
      if (stretch[1] !== null && breaksRun(cal, { before: stretch[1], after: date }, policy)) {
        stretch = [null, null];
        stretches.push(stretch);
      }
      stretch[0] ??= date;
      stretch[1] = date;
    }
  }
  let longest: UnexplainedRun | null = null;
  for (const [first, last] of stretches) {
    const run = unexplainedRun(first, last, cal);
    if (run && (longest === null || run.days >= longest.days)) longest = run;
  }
  return longest;
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
