/** The status card's PEP and care-plan review flags (see core/children/status-flags.ts for the conventions). */
import { type Candidate, on, schoolDays } from "../children/flag-text.js";
import type { StatusBasis } from "../children/status.types.js";
import type { Policy } from "../policy.js";
import { termLabel } from "./pep.workflow.js";

export function pepFlags(s: StatusBasis, policy: Policy): Candidate[] {
  const p = s.pep;
  if (!p.required || p.nextDue === null) return [];
  const which = p.nextDueFor === "initial" ? "Initial PEP" : `PEP for ${termLabel(p.nextDueFor ?? "")}`;
  return [
    p.overdue
      ? ["pep_overdue", "red", `${which} overdue: it was due on ${on(p.nextDue)} (${schoolDays(p.daysOverdue)} ago).`]
      : null,
    p.dueSoon
      ? [
          "pep_due_soon",
          "amber",
          `${which} due by ${on(p.nextDue)} (within ${schoolDays(policy.pepDueSoonSchoolDays)}).`,
        ]
      : null,
    p.lastCompleted?.rag === "red"
      ? ["pep_rated_red", "amber", "The latest PEP was rated red by the Virtual School: it needs improving."]
      : null,
  ];
}

/**
 * The care-plan review's statutory date has passed with none held since (a booking does
 * not stop the clock: only a review held does).
 */
export function reviewFlags(s: StatusBasis): Candidate[] {
  const p = s.pep;
  if (!p.reviewOverdue || p.nextReviewDue === null) return [];
  const booked = p.nextReviewPlanned ? `; one is booked for ${on(p.nextReviewPlanned)}` : "; none is booked";
  return [["review_overdue", "red", `Care-plan review overdue: it was due on ${on(p.nextReviewDue)}${booked}.`]];
}
