/** The status card's attendance flags (see core/children/status-flags.ts for the conventions). */
import { type Candidate, on, percentText, plural, schoolDays } from "../children/flag-text.js";
import type { StatusBasis } from "../children/status.types.js";
import type { Policy } from "../policy.js";

export function attendanceFlags(s: StatusBasis, policy: Policy): Candidate[] {
  const a = s.attendance;
  const missed = `${percentText(a.absenceRate)} of possible sessions missed this school year`;
  const run = a.currentUnexplainedRun;
  const runText = run ? `${schoolDays(run.days)} in a row of unexplained absence since ${on(run.from)}` : "";
  const today = [a.today.am && `AM ${a.today.am}`, a.today.pm && `PM ${a.today.pm}`].filter(Boolean).join(", ");
  return [
    a.severeAbsence
      ? ["severe_absence", "red", `Severe absence: ${missed} (${policy.severeAbsencePercent}% or more).`]
      : null,
    a.persistentAbsence
      ? ["persistent_absence", "amber", `Persistent absence: ${missed} (${policy.persistentAbsencePercent}% or more).`]
      : null,
    a.today.unexplainedToday ? ["unexplained_absence_today", "amber", `Unexplained absence today (${today}).`] : null,
    run && run.days >= policy.missingEducationSchoolDays
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
    a.unresolvedSessions > 0
      ? [
          "unresolved_absence",
          "amber",
          `${plural(a.unresolvedSessions, "session")} still marked N (no reason established) after ${schoolDays(policy.unauthorisedResolveSchoolDays)}.`,
        ]
      : null,
  ];
}
