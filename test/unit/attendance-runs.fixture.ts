/**
 * Marks and readings for the run tests: the demo calendar (autumn 2025, half-term 27–31
 * Oct), whole days present or absent, and the scan's reading of the same marks (its
 * per-code aggregate and its second read, runs.repo.ts) to check against the card's.
 */
import { latestMarks } from "../../core/attendance/attendance.marks.js";
import {
  explainsTheDay,
  type Mark,
  runFloor,
  runStart,
  unexplainedRun,
} from "../../core/attendance/attendance.rules.js";
import { compileCalendar } from "../../core/calendar/school-days.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy, type Policy } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

export const cal = compileCalendar(demoCalendar);
export const ROLL = "2025-09-01";

/** Both sessions of each listed day; null leaves that session unmarked. */
export function days(entries: [string, string | null, string | null][]): Mark[] {
  return entries.flatMap(([date, am, pm]) => [
    ...(am === null ? [] : [{ date, session: "AM" as const, code: am }]),
    ...(pm === null ? [] : [{ date, session: "PM" as const, code: pm }]),
  ]);
}
export const present = (...dates: string[]): Mark[] => days(dates.map((d) => [d, "/", "\\"]));
export const absent = (...dates: string[]): Mark[] => days(dates.map((d) => [d, "N", "N"]));

/**
 * The scan's reading: the last date per code (its GROUP BY), then the marked days on or
 * after the floor with only the first and those more than `attendanceDataGapSchoolDays`
 * calendar days after the day before them (its second read, runs.repo.ts).
 */
export function scanRun(marks: readonly Mark[], rollStart: IsoDate, today: IsoDate, policy: Policy = defaultPolicy) {
  const stored = latestMarks(marks).filter((m) => m.date <= today);
  const lastPerCode = new Map<string, IsoDate>();
  for (const m of stored) if ((lastPerCode.get(m.code) ?? "") < m.date) lastPerCode.set(m.code, m.date);
  const latest = (codes: [string, IsoDate][]) =>
    codes.map(([, d]) => d).reduce<IsoDate | null>((a, d) => (a === null || d > a ? d : a), null);
  const lastExplained = latest([...lastPerCode].filter(([code]) => explainsTheDay(code)));
  const lastMark = latest([...lastPerCode]);
  const floor = runFloor(lastExplained, rollStart, today);
  const since = [...new Set(stored.map((m) => m.date).filter((d) => d >= floor))].sort();
  const apart = (a: IsoDate, b: IsoDate) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
  const gaps = since.flatMap((after, i) => {
    const before = since[i - 1];
    return before && apart(before, after) > policy.attendanceDataGapSchoolDays ? [{ before, after }] : [];
  });
  return unexplainedRun(runStart(since[0] ?? null, gaps, cal, policy), lastMark, cal);
}

export const run = (days: number, from: IsoDate, to: IsoDate) => ({ days, from, to });
