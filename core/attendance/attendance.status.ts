/**
 * A child's attendance as the status card shows it: this school year's summary, today's
 * sessions, runs of unexplained absence while on roll, N marks left unresolved, and a
 * school's feed gone quiet. Pure: the child's marks, current place, calendar, today,
 * policy and which of today's registers have closed in; the same rules as the scan
 * (attendance.today.ts, attendance.runs.ts, attendance.feed.ts).
 */
import type { CompiledCalendar } from "../calendar/school-days.js";
import { isSchoolDay } from "../calendar/school-days.js";
import type { AttendanceStatus, Enrolment } from "../children/status.types.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import {
  attendanceDataGap,
  longestUnexplainedRun,
  type Mark,
  NO_REGISTER_CLOSED,
  type RegistersClosed,
  rawMarksOn,
  runDates,
  summariseAttendance,
  todaySessions,
  unexplainedRun,
  unresolvedReasonMarks,
} from "./attendance.rules.js";

/**
 * `registers` left out: none has closed, so a blank session is not yet a concern (the
 * caller that knows the time passes `registersClosedAt(clock.now(), policy)`).
 */
export function attendanceStatus(
  allMarks: readonly Mark[],
  enrolment: Enrolment | null,
  cal: CompiledCalendar,
  today: IsoDate,
  policy: Policy,
  registers: RegistersClosed = NO_REGISTER_CLOSED,
): AttendanceStatus {
  const yearStart = schoolYearBounds(schoolYearOf(today)).start;
  const marks = allMarks.filter((m) => m.date >= yearStart && m.date <= today);
  const summary = summariseAttendance(marks, policy);
  const unresolvedSessions = unresolvedReasonMarks(marks, cal, today, policy).length;
  // Not on roll today: no register to read, so nothing about today, runs or the feed.
  if (!enrolment) {
    const off = todaySessions(rawMarksOn(marks, today), { schoolDay: false, registers, dataGap: false });
    return {
      ...summary,
      today: off,
      longestUnexplainedRun: null,
      currentUnexplainedRun: null,
      unresolvedSessions,
      dataGap: null,
    };
  }
  const dates = runDates(marks, enrolment.fromDate, cal, today, policy);
  const dataGap = attendanceDataGap(dates.lastMark, enrolment.fromDate, cal, today, policy);
  return {
    ...summary,
    today: todaySessions(rawMarksOn(marks, today), {
      schoolDay: isSchoolDay(cal, today),
      registers,
      dataGap: dataGap !== null,
    }),
    longestUnexplainedRun: longestUnexplainedRun(marks, enrolment.fromDate, cal, today, policy),
    currentUnexplainedRun: unexplainedRun(dates.firstMark, dates.lastMark, cal),
    unresolvedSessions,
    dataGap,
  };
}
