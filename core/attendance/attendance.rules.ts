/**
 * Attendance rules: rates, persistent and severe absence, weekly trends. Runs of
 * unexplained absence (attendance.runs.ts), "absent today" (attendance.today.ts), the
 * school's feed going quiet (attendance.feed.ts) and the registers closing
 * (registers.ts) live beside it and are re-exported here, so callers import every
 * attendance rule from this one module. Pure: marks and dates in, facts out.
 *
 * Marks are taken as stored (raw code strings) and normalised here, so an import that kept
 * a symbol or a retired code still counts correctly. When two marks exist for the same
 * session the later one in the list wins: schools correct N to a reason after the event.
 */
import { addDays, dayOfWeek, type IsoDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { latestMarks, type Mark } from "./attendance.marks.js";
import { categoryOf, isAttending, isPossibleSession, normaliseAttendanceCode } from "./codes.js";

export { type AttendanceDataGap, attendanceDataGap } from "./attendance.feed.js";
export type { Mark, Session } from "./attendance.marks.js";
export {
  currentUnexplainedRun,
  explainsTheDay,
  isMissingEducation,
  longestUnexplainedRun,
  type MarkGap,
  markGaps,
  type RunDates,
  runDates,
  runFloor,
  runStart,
  type UnexplainedRun,
  unexplainedRun,
  unresolvedReasonMarks,
} from "./attendance.runs.js";
export {
  rawMarksOn,
  sessionConcerns,
  type TodayBasis,
  type TodaySessions,
  todaySessions,
} from "./attendance.today.js";
export {
  asRegistersClosed,
  BOTH_REGISTERS_CLOSED,
  NO_REGISTER_CLOSED,
  type RegistersClosed,
  type RegistersClosedInput,
  registersClosedAt,
  registersClosedInput,
} from "./registers.js";

export type AttendanceSummary = {
  possibleSessions: number;
  attendedSessions: number;
  authorisedAbsence: number;
  unauthorisedAbsence: number;
  /** Marks that are blank, "-" or not a code: left out of the rates, reported so data gaps show. */
  unrecognisedMarks: number;
  /** Attended ÷ possible, 0..1; null when there is no possible session yet. */
  attendanceRate: number | null;
  /** (Authorised + unauthorised absence) ÷ possible, 0..1; null when nothing is possible. */
  absenceRate: number | null;
  /** Absence ≥ `persistentAbsencePercent`, once there are `absenceAlertMinimumSessions` possible sessions. */
  persistentAbsence: boolean;
  /** Absence ≥ `severeAbsencePercent`, from the same minimum. */
  severeAbsence: boolean;
};

/** Percent thresholds compared in whole numbers so 10.0% is never 9.9999%. */
const atLeastPercent = (part: number, whole: number, percent: number): boolean =>
  whole > 0 && part * 100 >= percent * whole;

/** How many sessions carry each raw code, e.g. from a database `GROUP BY code`. */
export type CodeCounts = ReadonlyMap<string, number>;

/**
 * Attendance over the given marks (usually the school year so far). Persistent absence
 * is absence ≥ `persistentAbsencePercent` of possible sessions, severe ≥
 * `severeAbsencePercent`, as the DfE measures them; neither is judged before
 * `absenceAlertMinimumSessions` possible sessions (two weeks), so one day off in the
 * first week of September is not persistent absence. The rates themselves start at the
 * first possible session. Every judgement reads this summary (the card, the caseload, the
 * VSH's figures and the scan's alerts), so all of them wait for the same minimum.
 */
export function summariseAttendance(marks: readonly Mark[], policy: Policy): AttendanceSummary {
  const counts = new Map<string, number>();
  for (const mark of latestMarks(marks)) counts.set(mark.code, (counts.get(mark.code) ?? 0) + 1);
  return summariseCodeCounts(counts, policy);
}

/**
 * The same summary from counts per raw code, so a whole authority's figures can be
 * aggregated in the database and still be judged by exactly these rules. The counts
 * must already hold one mark per session.
 */
export function summariseCodeCounts(counts: CodeCounts, policy: Policy): AttendanceSummary {
  let possible = 0;
  let attended = 0;
  let authorised = 0;
  let unauthorised = 0;
  let unrecognised = 0;
  for (const [raw, n] of counts) {
    const code = normaliseAttendanceCode(raw);
    if (code === null) unrecognised += n;
    else if (isPossibleSession(code)) {
      possible += n;
      if (isAttending(code)) attended += n;
      else if (categoryOf(code) === "authorised") authorised += n;
      else unauthorised += n;
    }
  }
  const absent = authorised + unauthorised;
  const judged = possible >= policy.absenceAlertMinimumSessions;
  return {
    possibleSessions: possible,
    attendedSessions: attended,
    authorisedAbsence: authorised,
    unauthorisedAbsence: unauthorised,
    unrecognisedMarks: unrecognised,
    attendanceRate: possible > 0 ? attended / possible : null,
    absenceRate: possible > 0 ? absent / possible : null,
    persistentAbsence: judged && atLeastPercent(absent, possible, policy.persistentAbsencePercent),
    severeAbsence: judged && atLeastPercent(absent, possible, policy.severeAbsencePercent),
  };
}

export type WeeklyAttendance = {
  /** Monday of the ISO week. */
  weekStart: IsoDate;
  possibleSessions: number;
  attendedSessions: number;
  attendanceRate: number | null;
};

/** Monday of the ISO week containing `date`. */
export function weekStartOf(date: IsoDate): IsoDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/**
 * Attendance week by week, oldest first, for trend charts. With `range`, only marks inside
 * it count and every week it touches is listed, empty weeks included (rate null), so a
 * chart shows the gaps.
 */
export function weeklyAttendance(marks: readonly Mark[], range?: { from: IsoDate; to: IsoDate }): WeeklyAttendance[] {
  const weeks = new Map<IsoDate, WeeklyAttendance>();
  const week = (start: IsoDate): WeeklyAttendance => {
    const found = weeks.get(start);
    if (found) return found;
    const fresh: WeeklyAttendance = {
      weekStart: start,
      possibleSessions: 0,
      attendedSessions: 0,
      attendanceRate: null,
    };
    weeks.set(start, fresh);
    return fresh;
  };
  if (range) {
    for (let start = weekStartOf(range.from); start <= range.to; start = addDays(start, 7)) week(start);
  }
  for (const mark of latestMarks(marks)) {
    if (range && (mark.date < range.from || mark.date > range.to)) continue;
    const code = normaliseAttendanceCode(mark.code);
    if (code === null || !isPossibleSession(code)) continue;
    const w = week(weekStartOf(mark.date));
    w.possibleSessions++;
    if (isAttending(code)) w.attendedSessions++;
  }
  return [...weeks.values()]
    .map((w) => ({ ...w, attendanceRate: w.possibleSessions > 0 ? w.attendedSessions / w.possibleSessions : null }))
    .sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1));
}

export type AbsenceThreshold = "persistent_absence" | "severe_absence";

/**
 * Thresholds crossed between two summaries (false before, true after), for alerts that
 * should fire once on crossing rather than every night. `before` null: no earlier summary.
 */
export function newlyCrossed(
  before: Pick<AttendanceSummary, "persistentAbsence" | "severeAbsence"> | null,
  after: Pick<AttendanceSummary, "persistentAbsence" | "severeAbsence">,
): AbsenceThreshold[] {
  const crossed: AbsenceThreshold[] = [];
  if (after.persistentAbsence && !before?.persistentAbsence) crossed.push("persistent_absence");
  if (after.severeAbsence && !before?.severeAbsence) crossed.push("severe_absence");
  return crossed;
}
