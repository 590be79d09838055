/**
 * Register marks as stored, and the two views the attendance rules share: the latest mark
 * per session (a school's correction replaces what it corrects) and marks grouped by day.
 */
import type { IsoDate } from "../platform/dates.js";
import { type AttendanceCode, normaliseAttendanceCode } from "./codes.js";

export type Session = "AM" | "PM";

/** One register mark as stored: the code may be a symbol, lower case or retired. */
export type Mark = { date: IsoDate; session: Session; code: string };

/** The day's two sessions, normalised (null: no mark, or a mark that is not a code). */
export type DaySessions = { AM: AttendanceCode | null; PM: AttendanceCode | null; marked: boolean };

/** Marks grouped by day and normalised; the later mark for a session wins. */
export function marksByDay(marks: readonly Mark[]): Map<IsoDate, DaySessions> {
  const days = new Map<IsoDate, DaySessions>();
  for (const mark of marks) {
    const day = days.get(mark.date) ?? { AM: null, PM: null, marked: false };
    day[mark.session] = normaliseAttendanceCode(mark.code);
    day.marked = true;
    days.set(mark.date, day);
  }
  return days;
}

/** Answers already given, by the list asked about: a status asks four rules about one list. */
const LATEST = new WeakMap<readonly Mark[], readonly Mark[]>();

/**
 * Latest raw mark per session, so corrections replace what they correct. Worked out once
 * per list (the lists are read-only) and shared: the answer is read-only too.
 */
export function latestMarks(marks: readonly Mark[]): readonly Mark[] {
  const known = LATEST.get(marks);
  if (known) return known;
  const latest = new Map<string, Mark>();
  for (const mark of marks) latest.set(`${mark.date} ${mark.session}`, mark);
  const answer = [...latest.values()];
  LATEST.set(marks, answer);
  return answer;
}
