/**
 * Missing school: unexplained absence or no mark today, a run of unexplained school days
 * long enough to report as missing education, persistent and severe absence, and a
 * looked-after child with no school place. Attendance alerts need a school place today:
 * a child not on roll has no register to read, and is the no-place rule's business.
 */

import { type AttendanceCode, isUnexplained, normaliseAttendanceCode } from "../attendance/codes.js";
import {
  addSchoolDays,
  isSchoolDay,
  previousSchoolDay,
  schoolDayOnOrBefore,
  schoolDaysBetween,
} from "../calendar/school-days.js";
import { addDays, maxDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { AlertContext, AlertFinding } from "./alert.rules.js";
import type { RecipientRole, ScanFacts } from "./alert.types.js";

/** The school chases absence and the social worker knows where the child is. */
const ATTENDANCE_TEAM: RecipientRole[] = ["designated_teacher", "social_worker"];

export function absenceAlerts(facts: ScanFacts, ctx: AlertContext): AlertFinding[] {
  if (!onRollToday(facts, ctx)) return [];
  return [...absenceToday(facts, ctx), ...missingEducation(facts, ctx), ...absenceThresholds(facts, ctx)];
}

/** A place that starts later (a move already arranged) is not a register to read today. */
function onRollToday(facts: ScanFacts, ctx: AlertContext): boolean {
  return facts.onRoll !== null && facts.onRoll.fromDate <= ctx.today;
}

/** A mark that is blank, "-" or not a code is no mark: nobody has said where the child is. */
const codeOf = (raw: string | null): AttendanceCode | null => (raw === null ? null : normaliseAttendanceCode(raw));

/**
 * Today's AM or PM is unauthorised (G, N, O, U), or unmarked once registers have closed
 * (before then, a blank register may simply not be taken yet). School days only: a mark
 * on a closed day is stale data, not a child missing school.
 */
function absenceToday(facts: ScanFacts, ctx: AlertContext): AlertFinding[] {
  if (!isSchoolDay(ctx.calendar, ctx.today)) return [];
  const am = codeOf(facts.today.am);
  const pm = codeOf(facts.today.pm);
  const concern = (code: AttendanceCode | null): boolean => (code === null ? ctx.registersClosed : isUnexplained(code));
  if (!concern(am) && !concern(pm)) return [];
  return [
    {
      rule: "unexplained_absence_today",
      period: ctx.today,
      severity: "amber",
      recipients: [...ATTENDANCE_TEAM],
      details: { date: ctx.today, am: am ?? "none", pm: pm ?? "none" },
    },
  ];
}

/**
 * `missingEducationSchoolDays` consecutive school days with nothing explained, counted
 * from the day after the last explained mark, but never before the child joined the roll
 * or before this school year began. The period is the run's first day, so the run alerts
 * once however long it lasts, and a new run after an explained day alerts again. Today
 * joins the run only once it carries a mark or its registers have closed: until then it
 * may yet be explained.
 */
function missingEducation(facts: ScanFacts, ctx: AlertContext): AlertFinding[] {
  const { calendar, today, policy } = ctx;
  if (facts.onRoll === null) return [];
  // No register at all this year is a missing data feed, not a missing child: the
  // Virtual School chases the school's data, not every pupil on its roll.
  if (facts.attendance.possibleSessions + facts.attendance.unrecognisedMarks === 0 && facts.lastExplainedDate === null)
    return [];
  const todayCounts = ctx.registersClosed || facts.today.am !== null || facts.today.pm !== null;
  const lastDay = todayCounts ? schoolDayOnOrBefore(calendar, today) : previousSchoolDay(calendar, today);
  let from = maxDate(schoolYearBounds(schoolYearOf(today)).start, facts.onRoll.fromDate);
  if (facts.lastExplainedDate !== null) from = maxDate(from, addDays(facts.lastExplainedDate, 1));
  const firstDay = addSchoolDays(calendar, from, 0);
  if (lastDay === null || firstDay === null || firstDay > lastDay) return [];
  const days = schoolDaysBetween(calendar, firstDay, lastDay);
  if (days < policy.missingEducationSchoolDays) return [];
  return [
    {
      rule: "missing_education",
      period: firstDay,
      severity: "red",
      recipients: [...ATTENDANCE_TEAM, "vsh"],
      details: { from: firstDay, to: lastDay, schoolDays: days },
    },
  ];
}

/**
 * Persistent and severe absence as the attendance summary judged them (the scan builds it
 * with `summariseCodeCounts` and the same policy). The period is the school year, so each
 * alerts the first time it is crossed in a year and stays quiet while it lasts.
 */
function absenceThresholds(facts: ScanFacts, ctx: AlertContext): AlertFinding[] {
  const summary = facts.attendance;
  const schoolYear = String(schoolYearOf(ctx.today));
  const details = {
    schoolYear,
    possibleSessions: summary.possibleSessions,
    absentSessions: summary.authorisedAbsence + summary.unauthorisedAbsence,
    absencePercent: summary.absenceRate === null ? null : Math.round(summary.absenceRate * 1000) / 10,
  };
  const findings: AlertFinding[] = [];
  // A day off in the first week is not persistent absence: judge once there is a record.
  if (summary.possibleSessions < ctx.policy.absenceAlertMinimumSessions) return findings;
  if (summary.persistentAbsence) {
    findings.push({
      rule: "persistent_absence",
      period: schoolYear,
      severity: "amber",
      recipients: [...ATTENDANCE_TEAM],
      details,
    });
  }
  if (summary.severeAbsence) {
    findings.push({
      rule: "severe_absence",
      period: schoolYear,
      severity: "red",
      recipients: ["vsh", ...ATTENDANCE_TEAM],
      details,
    });
  }
  return findings;
}
