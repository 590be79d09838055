/**
 * Missing school: unexplained absence or no mark today, a run of unexplained school days
 * long enough to report as missing education, and persistent and severe absence. Each is
 * the status card's judgement (core/attendance: attendance.today.ts, attendance.runs.ts,
 * attendance.feed.ts, the summary), asked of the scan's aggregate facts. Attendance alerts
 * need a school place today: a child not on roll has no register to read, and is the
 * no-place rule's business.
 */

import {
  attendanceDataGap,
  isMissingEducation,
  runStart,
  todaySessions,
  type UnexplainedRun,
  unexplainedRun,
} from "../attendance/attendance.rules.js";
import { isSchoolDay } from "../calendar/school-days.js";
import { schoolYearOf } from "../platform/dates.js";
import type { AlertContext, AlertFinding } from "./alert.rules.js";
import type { RecipientRole, ScanFacts } from "./alert.types.js";

/** The school chases absence and the social worker knows where the child is. */
const ATTENDANCE_TEAM: RecipientRole[] = ["designated_teacher", "social_worker"];

type OnRoll = NonNullable<ScanFacts["onRoll"]>;

export function absenceAlerts(facts: ScanFacts, ctx: AlertContext): AlertFinding[] {
  const onRoll = facts.onRoll;
  // A place that starts later (a move already arranged) is not a register to read today.
  if (onRoll === null || onRoll.fromDate > ctx.today) return [];
  const markedToday = facts.today.am !== null || facts.today.pm !== null;
  const lastMark = markedToday ? ctx.today : facts.lastMarkDate;
  const first = runStart(facts.firstMarkSinceExplained, facts.gapsSinceExplained, ctx.calendar, ctx.policy);
  const run = unexplainedRun(first, lastMark, ctx.calendar);
  return [
    ...absenceToday(facts, onRoll, lastMark, ctx),
    ...missingEducation(run, ctx),
    ...absenceThresholds(facts, ctx),
  ];
}

/**
 * A session today that is G, N or O, or unmarked once ITS register has closed (a morning
 * scan never treats the afternoon as missing), on a school day, while the school's feed is
 * live. One alert a child a session at most: keyed by the day when the morning concerns
 * (the afternoon too, if it does: one alert, the morning's), and by the day's afternoon
 * when only the afternoon does, so a child the DT put in school this morning who is gone
 * after lunch is alerted again, and a child whose morning is still a concern is not.
 */
function absenceToday(facts: ScanFacts, onRoll: OnRoll, lastMark: string | null, ctx: AlertContext): AlertFinding[] {
  const { calendar, today, policy, registersClosed } = ctx;
  const gap = attendanceDataGap(lastMark, onRoll.fromDate, calendar, today, policy);
  const judged = todaySessions(facts.today, {
    schoolDay: isSchoolDay(calendar, today),
    registers: registersClosed,
    dataGap: gap !== null,
  });
  const session = judged.unexplainedSessions[0];
  if (session === undefined) return [];
  return [
    {
      rule: "unexplained_absence_today",
      period: absencePeriod(today, session),
      severity: "amber",
      recipients: [...ATTENDANCE_TEAM],
      details: { date: today, am: judged.am ?? "none", pm: judged.pm ?? "none" },
    },
  ];
}

/**
 * The day for the morning's alert (as before sessions had their own), the day's afternoon
 * for the afternoon's; answering an alert reads its session back (afternoonAlert).
 */
export const absencePeriod = (date: string, session: "AM" | "PM"): string => (session === "AM" ? date : `${date}:PM`);

/** An absence alert about the afternoon only (its period is absencePeriod's afternoon). */
export const afternoonAlert = (period: string): boolean => period.endsWith(":PM");

/**
 * `missingEducationSchoolDays` school days in the current run (attendance.runs.ts: the
 * card's run, from the same three dates). The period is the run's first day, so the run
 * alerts once however long it lasts, and a new run after an explained day alerts again.
 */
function missingEducation(run: UnexplainedRun | null, ctx: AlertContext): AlertFinding[] {
  if (run === null || !isMissingEducation(run, ctx.policy)) return [];
  return [
    {
      rule: "missing_education",
      period: run.from,
      severity: "red",
      recipients: [...ATTENDANCE_TEAM, "vsh"],
      details: { from: run.from, to: run.to, schoolDays: run.days },
    },
  ];
}

/**
 * Persistent and severe absence as the attendance summary judged them (the scan builds it
 * with `summariseCodeCounts` and the same policy, which waits for
 * `absenceAlertMinimumSessions`). The period is the school year, so each alerts the first
 * time it is crossed in a year and stays quiet while it lasts.
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
