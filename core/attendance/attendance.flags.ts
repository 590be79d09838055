/**
 * The status card's attendance flags (see core/children/status-flags.ts for the
 * conventions). Each reads a judgement the scan's alerts share: "absent today"
 * (attendance.today.ts), the run (attendance.runs.ts), the feed (attendance.feed.ts), and
 * persistent and severe absence from the summary, which waits for the same minimum of
 * possible sessions as the alerts.
 */
import { type Candidate, on, percentText, plural, schoolDays } from "../children/flag-text.js";
import type { StatusBasis } from "../children/status.types.js";
import type { Policy } from "../policy.js";
import { isMissingEducation } from "./attendance.runs.js";

export function attendanceFlags(s: StatusBasis, policy: Policy): Candidate[] {
  const a = s.attendance;
  const missed = `${percentText(a.absenceRate)} of possible sessions missed this school year`;
  const run = a.currentUnexplainedRun;
  const runText = run ? `${schoolDays(run.days)} in a row of unexplained absence since ${on(run.from)}` : "";
  // Only the sessions that concern: a morning present and an afternoon not yet taken say nothing.
  const today = a.today.unexplainedSessions
    .map((session) => `${session} ${(session === "AM" ? a.today.am : a.today.pm) ?? "no mark"}`)
    .join(", ");
  const gap = a.dataGap;
  return [
    a.severeAbsence
      ? ["severe_absence", "red", `Severe absence: ${missed} (${policy.severeAbsencePercent}% or more).`]
      : null,
    a.persistentAbsence
      ? ["persistent_absence", "amber", `Persistent absence: ${missed} (${policy.persistentAbsencePercent}% or more).`]
      : null,
    a.today.unexplainedToday ? ["unexplained_absence_today", "amber", `Unexplained absence today (${today}).`] : null,
    isMissingEducation(run, policy)
      ? [
          "missing_education",
          "red",
          `Possibly missing education: ${runText}; schools report after ${policy.missingEducationSchoolDays}.`,
        ]
      : null,
    run && run.days >= policy.rollRemovalSchoolDays
      ? [
          "roll_removal_risk",
          "red",
          `At risk of removal from roll: ${runText} (${policy.rollRemovalSchoolDays} allowed before joint enquiries end).`,
        ]
      : null,
    gap
      ? [
          "no_attendance_data",
          "amber",
          `No attendance data since ${on(gap.since)}: ${schoolDays(gap.schoolDays)} without a register mark from the school; chase the school's data, not the child.`,
        ]
      : null,
    a.unresolvedSessions > 0
      ? [
          "unresolved_absence",
          "amber",
          `${plural(a.unresolvedSessions, "session")} still marked N (no reason established) after ${schoolDays(policy.unauthorisedResolveSchoolDays)}.`,
        ]
      : null,
  ];
}
