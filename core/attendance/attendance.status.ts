/**
 * A child's attendance as the status card shows it: this school year's summary, today's
 * sessions, runs of unexplained absence while on roll, and N marks left unresolved. Pure:
 * the child's marks, current place, calendar, today and policy in.
 */
import type { CompiledCalendar } from "../calendar/school-days.js";
import { schoolDaysInRange } from "../calendar/school-days.js";
import type { AttendanceStatus, Enrolment } from "../children/status.types.js";
import { type IsoDate, maxDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import {
  currentUnexplainedRun,
  longestUnexplainedRun,
  type Mark,
  sessionsToday,
  summariseAttendance,
  unresolvedReasonMarks,
} from "./attendance.rules.js";

export function attendanceStatus(
  allMarks: readonly Mark[],
  enrolment: Enrolment | null,
  cal: CompiledCalendar,
  today: IsoDate,
  policy: Policy,
): AttendanceStatus {
  const yearStart = schoolYearBounds(schoolYearOf(today)).start;
  const marks = allMarks.filter((m) => m.date >= yearStart && m.date <= today);
  const schoolDays = enrolment ? schoolDaysInRange(cal, maxDate(yearStart, enrolment.fromDate), today) : [];
  return {
    ...summariseAttendance(marks, policy),
    today: sessionsToday(marks, today),
    longestUnexplainedRun: enrolment ? longestUnexplainedRun(marks, schoolDays) : null,
    currentUnexplainedRun: enrolment ? currentUnexplainedRun(marks, schoolDays, today) : null,
    unresolvedSessions: unresolvedReasonMarks(marks, cal, today, policy).length,
  };
}
