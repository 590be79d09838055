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

/** Each mark's session after the one before (by date, AM before PM), so no session repeats. */
function inSessionOrder(marks: readonly Mark[]): boolean {
  for (let i = 1; i < marks.length; i++) {
    const before = marks[i - 1] as Mark;
    const mark = marks[i] as Mark;
    if (mark.date < before.date) return false;
    if (mark.date === before.date && !(before.session === "AM" && mark.session === "PM")) return false;
  }
  return true;
}

/**
 * Latest raw mark per session, so corrections replace what they correct. Worked out once
 * per list (the lists are read-only) and shared: the answer is read-only too. A list in
 * session order (the database's, read by its key) has nothing to replace: it is its own
 * answer, found in one pass without a key per mark.
 */
export function latestMarks(marks: readonly Mark[]): readonly Mark[] {
  const known = LATEST.get(marks);
  if (known) return known;
  let answer = marks;
  if (!inSessionOrder(marks)) {
    const latest = new Map<string, Mark>();
    for (const mark of marks) latest.set(`${mark.date} ${mark.session}`, mark);
    answer = [...latest.values()];
  }
  LATEST.set(marks, answer);
  return answer;
}
