/**
 * A missing feed is not a missing child. When a school has sent no register marks for a
 * child on its roll for `attendanceDataGapSchoolDays` school days before today (or none
 * at all since the child joined the roll or the school year began), the card says "no
 * attendance data since …" for the Virtual School to chase the school's data, and the
 * blank days are never read as the child's absence: no "absent today" for a blank
 * register, no run of unexplained absence (attendance.runs.ts), so no missing-education
 * or roll-removal flag or alert from them. Pure: dates in.
 */
import { addSchoolDays, type CompiledCalendar, nextSchoolDay, schoolDaysBetween } from "../calendar/school-days.js";
import { addDays, type IsoDate, maxDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Policy } from "../policy.js";

export type AttendanceDataGap = {
  /** The first school day with no mark from the school. */
  since: IsoDate;
  /** School days from `since` to yesterday with no mark (today's registers may be open yet). */
  schoolDays: number;
  /** The last day the school marked, while the child was on its roll this school year (null: never). */
  lastMark: IsoDate | null;
};

/**
 * The gap in the school's marks for a child on roll since `rollStart`, or null while the
 * feed is live. `lastMark` is the last day with any mark this school year, today included
 * (a mark from before the child joined this roll is another school's and does not count).
 * Any mark counts as the feed being live, even one that is not a code: the school did send it.
 */
export function attendanceDataGap(
  lastMark: IsoDate | null,
  rollStart: IsoDate,
  cal: CompiledCalendar,
  today: IsoDate,
  policy: Policy,
): AttendanceDataGap | null {
  const from = maxDate(schoolYearBounds(schoolYearOf(today)).start, rollStart);
  const marked = lastMark !== null && lastMark >= from ? lastMark : null;
  const since = marked === null ? addSchoolDays(cal, from, 0) : nextSchoolDay(cal, marked);
  if (since === null || since >= today) return null;
  const schoolDays = schoolDaysBetween(cal, since, addDays(today, -1));
  return schoolDays >= policy.attendanceDataGapSchoolDays ? { since, schoolDays, lastMark: marked } : null;
}
