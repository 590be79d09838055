/**
 * Suspensions and permanent exclusions, judged once for the status card
 * (`exclusions` in the status, its flags) and the scan's alerts, so both give the same
 * dates and the same severity for the same facts. Pure.
 *
 * Decisions a Virtual School officer should know:
 * - Which exclusions count: those starting from 1 August of this school year up to a
 *   month ahead (schools record a suspension before its first day, at most a month
 *   ahead). The card and the scan judge that same set, whatever each loads.
 * - Lengths are school days on the child's calendar: a suspension starting on a day
 *   without school starts on the next school day. Where the calendar data runs out,
 *   working days stand in.
 * - Education is owed from the 6th school day (`suspensionEducationFromDay`) of a run of
 *   exclusion, counted across back-to-back fixed periods (2007 Regulations as amended in
 *   2014): a suspension whose first school day is the school day after another ends (or
 *   earlier) continues the run. A school day in school between them starts a new count.
 *   A permanent exclusion starts the same count, or continues a run it follows directly.
 * - Severity, one answer for the card and the alert: a suspension is red when its run
 *   reaches the day education is owed from, or when it brings the school year's
 *   suspensions to `suspensionMaxSchoolDays`, and amber otherwise. A permanent exclusion
 *   is red until the child holds a place that began on or after it (a new school), then amber.
 * - Totals for the year count the suspensions starting in that school year, in start
 *   order, so an alert's colour does not depend on the day the scan ran.
 */
import { addSchoolDays, addWorkingDays, type CompiledCalendar } from "../calendar/school-days.js";
import { addDays, type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import type { ExclusionSummary } from "./status.types.js";

/** One exclusion as recorded. Only the scan knows ids; the card's facts may not. */
export type ExclusionRecord = { id?: number; kind: "suspension" | "permanent"; startDate: IsoDate; days: number };

/** How far ahead a recorded exclusion counts: schools record at most a month ahead. */
export const EXCLUSION_NOTICE_DAYS = 31;

/** The start dates judged on `today` (see the file comment); the scan loads exactly these. */
export function exclusionWindow(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: schoolYearBounds(schoolYearOf(today)).start, to: addDays(today, EXCLUSION_NOTICE_DAYS) };
}

export type ExclusionContext = {
  today: IsoDate;
  calendar: CompiledCalendar;
  bankHolidays: ReadonlySet<IsoDate>;
  policy: Pick<Policy, "suspensionEducationFromDay" | "suspensionMaxSchoolDays">;
  /** The first day of the place the child holds today, if any (a new school after a permanent exclusion). */
  placeFrom: IsoDate | null;
};

export type JudgedExclusion = {
  id: number | null;
  kind: "suspension" | "permanent";
  startDate: IsoDate;
  days: number;
  /** A suspension's last school day; null for a permanent exclusion. */
  lastDay: IsoDate | null;
  /** The first day of the run of back-to-back exclusions this one belongs to. */
  runStart: IsoDate;
  /** Exclusions in the run up to and including this one, and their suspension days. */
  runLength: number;
  runDays: number;
  /** The day full-time education is owed from, once the run (up to this one) reaches it. */
  educationFrom: IsoDate | null;
  /** This school year's suspension days up to and including this one, in start order. */
  yearSuspensionDays: number;
  severity: "red" | "amber";
};

const byStart = (a: ExclusionRecord, b: ExclusionRecord): number =>
  a.startDate === b.startDate
    ? (a.id ?? 0) - (b.id ?? 0) || (a.kind === b.kind ? 0 : a.kind === "suspension" ? -1 : 1)
    : a.startDate < b.startDate
      ? -1
      : 1;

/** Counts school days, with working days standing in where the calendar data runs out. */
function dayCounter(cal: CompiledCalendar, bankHolidays: ReadonlySet<IsoDate>) {
  /** The `n`th school day of a span starting on `start` (day 1 is `start` or the next school day). */
  return (start: IsoDate, n: number): IsoDate => {
    const first = addSchoolDays(cal, start, 0);
    const day = first === null ? null : addSchoolDays(cal, first, n - 1);
    return day ?? addWorkingDays(addWorkingDays(start, 0, bankHolidays), n - 1, bankHolidays);
  };
}

/** Every exclusion in the window, in start order, with its run, dates and severity. */
export function judgeExclusions(exclusions: readonly ExclusionRecord[], ctx: ExclusionContext): JudgedExclusion[] {
  const { from, to } = exclusionWindow(ctx.today);
  const { suspensionEducationFromDay: sixth, suspensionMaxSchoolDays: yearMax } = ctx.policy;
  const nth = dayCounter(ctx.calendar, ctx.bankHolidays);
  const inWindow = exclusions.filter((x) => x.startDate >= from && x.startDate <= to).sort(byStart);
  let run: { start: IsoDate; last: IsoDate | null; length: number; days: number } | null = null;
  let year = { of: -1, days: 0 };
  return inWindow.map((x): JudgedExclusion => {
    const permanent = x.kind === "permanent";
    const first = nth(x.startDate, 1);
    // A run continues while each exclusion starts by the school day after the last one ended.
    const continues = run !== null && run.last !== null && first <= nth(run.last, 2);
    const lastDay = permanent ? null : nth(x.startDate, Math.max(1, Math.ceil(x.days)));
    const suspensionDays = permanent ? 0 : x.days;
    run =
      run !== null && continues
        ? {
            start: run.start,
            last: lastDay === null || run.last === null ? null : lastDay > run.last ? lastDay : run.last,
            length: run.length + 1,
            days: run.days + suspensionDays,
          }
        : { start: first, last: lastDay, length: 1, days: suspensionDays };
    const owedFrom = nth(run.start, sixth);
    const educationFrom = run.last === null || run.last >= owedFrom ? owedFrom : null;
    const schoolYear = schoolYearOf(x.startDate);
    year = { of: schoolYear, days: (year.of === schoolYear ? year.days : 0) + suspensionDays };
    const severity = permanent
      ? ctx.placeFrom !== null && ctx.placeFrom >= x.startDate
        ? "amber"
        : "red"
      : educationFrom !== null || year.days >= yearMax
        ? "red"
        : "amber";
    return {
      id: x.id ?? null,
      kind: x.kind,
      startDate: x.startDate,
      days: x.days,
      lastDay,
      runStart: run.start,
      runLength: run.length,
      runDays: run.days,
      educationFrom,
      yearSuspensionDays: year.days,
      severity,
    };
  });
}

type ActiveSuspension = NonNullable<ExclusionSummary["activeSuspension"]>;

/** The first run of suspensions not over by `today` (running or coming), as the card shows it. */
function activeRun(suspensions: readonly JudgedExclusion[], today: IsoDate): ActiveSuspension | null {
  const runs = new Map<IsoDate, JudgedExclusion[]>();
  for (const s of suspensions) runs.set(s.runStart, [...(runs.get(s.runStart) ?? []), s]);
  for (const run of runs.values()) {
    const endDate = run.reduce((end, s) => (s.lastDay !== null && s.lastDay > end ? s.lastDay : end), "");
    const latest = run.at(-1);
    if (endDate < today || !latest || !run[0]) continue;
    return {
      startDate: run[0].startDate,
      endDate,
      days: latest.runDays,
      educationFrom: latest.educationFrom,
      suspensions: run.length,
      severity: latest.severity,
    };
  }
  return null;
}

/** The status card's `exclusions`, from the same judgement as the alerts. */
export function exclusionSummary(judged: readonly JudgedExclusion[], today: IsoDate): ExclusionSummary {
  const thisYear = judged.filter((x) => schoolYearOf(x.startDate) === schoolYearOf(today));
  const suspensions = thisYear.filter((x) => x.kind === "suspension");
  const permanent = thisYear.filter((x) => x.kind === "permanent").at(-1);
  const active = activeRun(
    judged.filter((x) => x.kind === "suspension"),
    today,
  );
  return {
    suspensionsThisYear: suspensions.length,
    suspensionDaysThisYear: suspensions.reduce((n, s) => n + s.days, 0),
    permanent: permanent !== undefined,
    permanentExclusionDate: permanent?.startDate ?? null,
    permanentEducationFrom: permanent?.educationFrom ?? null,
    permanentSeverity: permanent?.severity ?? null,
    educationDueFromDay6: active?.educationFrom != null,
    activeSuspension: active,
  };
}
