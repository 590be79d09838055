/**
 * What alert cards say, by rule and by event: titles, the names of the facts a rule's
 * details carry, each line of an alert's history, and why an alert was resolved. Words
 * only; alert-views.ts builds the card from them.
 */
import { ROLE_NAMES, type Role } from "../../core/access/roles.js";
import { formatDateWithWeekday, isIsoDate } from "../../core/platform/dates.js";

/** "Sam Patel (social worker)": whose copy a rerouted card was, or who asked the school. */
export const whose = (p: { name: string; role: string }): string => {
  const role = ROLE_NAMES[p.role as Role];
  return role ? `${p.name} (${role.toLowerCase()})` : p.name;
};

const TITLES: Record<string, string> = {
  pep_initial_due: "Initial PEP due",
  pep_initial_overdue: "Initial PEP overdue",
  pep_review_due: "PEP review due",
  pep_overdue: "PEP overdue",
  pep_before_review: "PEP needed before the care-plan review",
  unexplained_absence_today: "Unexplained absence today",
  missing_education: "Missing education: unexplained absence for days in a row",
  no_school_place: "No school place",
  persistent_absence: "Persistent absence",
  severe_absence: "Severe absence",
  suspension: "Suspension",
  permanent_exclusion: "Permanent exclusion",
  follow_up: "Follow-up due",
  review_overdue: "Care-plan review overdue",
  part_time_review_overdue: "Part-time timetable past its review date",
  pep_quality_assurance: "PEP to quality-assure",
  pep_qa_outcome: "PEP quality assurance",
};

/** An alert's title by its rule ("Care-plan review overdue"), for cards and lists. */
export const alertTitle = (rule: string): string => TITLES[rule] ?? rule.replaceAll("_", " ");

/** How each detail key is shown; unknown keys are left out rather than shown raw. */
export const FACT_NAMES: Record<string, string> = {
  date: "Date",
  am: "Morning",
  pm: "Afternoon",
  from: "From",
  to: "To",
  schoolDays: "School days",
  since: "Since",
  dueDate: "Due",
  schoolDaysLeft: "School days left",
  schoolDaysOverdue: "School days overdue",
  lastPepHeldOn: "Last PEP",
  reviewDate: "Care-plan review",
  pepNeededBy: "PEP needed by",
  pepDueDate: "PEP due",
  absencePercent: "Absence this year (%)",
  absentSessions: "Sessions missed",
  possibleSessions: "Possible sessions",
  startDate: "Starts",
  yearSuspensionDays: "Suspension days this year",
  educationFrom: "Education owed from",
  consecutiveSince: "Excluded without a break since",
  consecutiveDays: "School days excluded in a row",
  reviewDue: "Review due by",
  reviewBooked: "Review booked for",
  plannedEnd: "Planned end",
  meetingDate: "PEP meeting",
  heldOn: "Held on",
  submittedOn: "Submitted",
  term: "PEP for",
  targets: "Targets",
  ppRequestedPence: "PP+ requested",
  approvedPence: "PP+ approved",
};

/** Where a key means something else for one rule (a part-time timetable's own review date). */
export const RULE_FACT_NAMES: Record<string, Record<string, string>> = {
  part_time_review_overdue: { since: "Part-time since", reviewDate: "Review was due" },
};

export const RATINGS: Record<string, string> = { green: "Green", amber: "Amber", red: "Red" };

/** Why the record closed an alert (record-sync.ts ClearReason), as its history says it. */
const CLEARED: Record<string, { line: string; state: string }> = {
  pep_held: { line: "Recorded the PEP meeting as held", state: "PEP meeting held" },
  pep_booked: { line: "Booked the PEP meeting", state: "PEP meeting booked" },
  review_booked: { line: "Booked the care-plan review", state: "care-plan review booked" },
  review_held: { line: "Recorded the care-plan review as held", state: "care-plan review held" },
  place_started: { line: "Recorded a school place", state: "school place recorded" },
  part_time_changed: { line: "Updated the part-time timetable", state: "part-time timetable updated" },
  record_changed: {
    line: "The child's record was updated, so this alert no longer applies",
    state: "the record no longer calls for it",
  },
  quality_assured: { line: "Quality-assured the PEP", state: "PEP quality-assured" },
  returned: { line: "Returned the PEP for changes", state: "PEP returned for changes" },
};

export const onDay = (d: string | null) => (d && isIsoDate(d) ? formatDateWithWeekday(d) : null);
export const rated = (d: string | null) => (d && RATINGS[d] ? `: ${RATINGS[d]}` : "");

export const EVENTS: Record<string, (detail: string | null) => string> = {
  acknowledged: () => "Acknowledged",
  present: () => "Marked in school",
  late: () => "Marked late (L)",
  reason: (d) => `Gave a reason (${d ?? "?"})`,
  snoozed: (d) => (d && isIsoDate(d) ? `Snoozed until ${formatDateWithWeekday(d)}` : "Snoozed"),
  action_logged: () => "Logged an action",
  asked_school: () => "Asked the school",
  // "Ask school" reached nobody: the asker's card says so (jobs/processors/deliver-post.ts).
  ask_unreachable: (d) => `${d ?? "The school"} could not be reached in Teams: call the school`,
  escalated: () => "Escalated to the Virtual School Head",
  // Whoever reads it, the card says whose copy went to the Virtual School (jobs/processors/deliver.ts).
  rerouted: (d) =>
    d ? `${d} was not reachable in Teams: their copy went to the Virtual School` : "A copy went to the Virtual School",
  cleared: (d) => (d && CLEARED[d]?.line) || "Closed: the record no longer calls for this alert",
  pep_booked: (d) => (onDay(d) ? `Booked the PEP meeting for ${onDay(d)}` : "Booked the PEP meeting"),
  pep_held: (d) => (onDay(d) ? `Recorded the PEP meeting as held on ${onDay(d)}` : "Recorded the PEP meeting as held"),
  quality_assured: (d) => `Quality-assured the PEP${rated(d)}`,
  returned: () => "Returned the PEP for changes",
};

export const STATES: Record<string, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
  escalated: "Escalated to the Virtual School Head",
};

/** Why a resolved alert was resolved, from its last event (undefined when it does not say). */
export function resolvedBy(action: string, detail: string | null): string | undefined {
  if (action === "cleared") return CLEARED[detail ?? ""]?.state;
  if (action === "quality_assured") return `PEP quality-assured${rated(detail)}`;
  if (action === "returned") return "PEP returned for changes";
  if (action === "pep_held") return "PEP meeting held";
  return undefined;
}
