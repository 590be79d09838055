/**
 * An alert as its card shows it to one viewer: title and facts by rule (dates in en-GB,
 * no names beyond "Jordan S."), its state and history, and whose buttons to show. A PEP
 * alert offers "booked for / held on" to those who may record the PEP; a PEP to
 * quality-assure shows Virtual School staff its summary and targets; a quality-assurance
 * outcome is a notice.
 */
import type { AlertCardModel, AlertViewer, PepAnswerView, PepQaView } from "../cards/view-models.js";
import { ATTENDANCE_RULES } from "../core/alerts/answers.js";
import { ATTENDANCE_CODES } from "../core/attendance/codes.js";
import { displayName } from "../core/children/mentions.js";
import { formatDate, formatDateWithWeekday, type IsoDate, isIsoDate, londonDateOf } from "../core/platform/dates.js";
import { QA_CRITERIA_CHOICES, termName } from "./pep-views.js";
import type { TabLinks } from "./views.js";
import { money } from "./views.js";

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

/** Alerts about a PEP owed: answered with "booked for" or "held on". */
export const PEP_ANSWER_RULES: ReadonlySet<string> = new Set([
  "pep_initial_due",
  "pep_initial_overdue",
  "pep_review_due",
  "pep_overdue",
  "pep_before_review",
]);

/** Who may record a PEP from its alert (the PEP service checks again). */
const PEP_ANSWERERS: ReadonlySet<AlertViewer> = new Set(["designated_teacher", "social_worker", "virtual_school"]);

/** How each detail key is shown; unknown keys are left out rather than shown raw. */
const FACT_NAMES: Record<string, string> = {
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
const RULE_FACT_NAMES: Record<string, Record<string, string>> = {
  part_time_review_overdue: { since: "Part-time since", reviewDate: "Review was due" },
};

const RATINGS: Record<string, string> = { green: "Green", amber: "Amber", red: "Red" };

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

const onDay = (d: string | null) => (d && isIsoDate(d) ? formatDateWithWeekday(d) : null);
const rated = (d: string | null) => (d && RATINGS[d] ? `: ${RATINGS[d]}` : "");

const EVENTS: Record<string, (detail: string | null) => string> = {
  acknowledged: () => "Acknowledged",
  present: () => "Marked in school",
  late: () => "Marked late (L)",
  reason: (d) => `Gave a reason (${d ?? "?"})`,
  snoozed: (d) => (d && isIsoDate(d) ? `Snoozed until ${formatDateWithWeekday(d)}` : "Snoozed"),
  action_logged: () => "Logged an action",
  asked_school: () => "Asked the school",
  escalated: () => "Escalated to the Virtual School Head",
  rerouted: () => "Sent to the Virtual School (could not reach the recipient in Teams)",
  cleared: (d) => (d && CLEARED[d]?.line) || "Closed: the record no longer calls for this alert",
  pep_booked: (d) => (onDay(d) ? `Booked the PEP meeting for ${onDay(d)}` : "Booked the PEP meeting"),
  pep_held: (d) => (onDay(d) ? `Recorded the PEP meeting as held on ${onDay(d)}` : "Recorded the PEP meeting as held"),
  quality_assured: (d) => `Quality-assured the PEP${rated(d)}`,
  pep_qa: (d) => `Quality-assured the PEP${rated(d)}`,
  returned: () => "Returned the PEP for changes",
  pep_return: () => "Returned the PEP for changes",
};

const show = (key: string, value: unknown): string | null => {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (key.endsWith("Pence") && typeof value === "number") return money(value);
  if (key === "term" && typeof value === "string") return termName(value);
  if (key === "rating" && typeof value === "string") return RATINGS[value] ?? value;
  if (typeof value === "string" && isIsoDate(value)) return formatDate(value);
  return String(value);
};

export const REASON_CODES = ATTENDANCE_CODES.filter(
  (c) => !c.retired && (c.category === "authorised" || c.category === "approved_activity"),
).map((c) => ({ value: c.code, title: `${c.code} – ${c.description}` }));

export type AlertForCard = {
  id: number;
  childId: number;
  rule: string;
  severity: string;
  status: string;
  raisedAt: Date;
  snoozedUntil: string | null;
  details: string;
  child: { firstName: string; lastName: string };
  events: { at: Date; action: string; detail: string | null; by: string | null }[];
  /** The PEP a quality-assurance card or its outcome is about (alert.service.ts loadAlertForCard). */
  pep?: PepForCard | null;
};

export type PepForCard = {
  id: number;
  term: string;
  meetingDate: string | null;
  status: string;
  rag: string | null;
  attendees: string | null;
  submittedAt: Date | null;
  qaComment: string | null;
  targets: { text: string; owner: string; byDate: string; ppRequestedPence: number }[];
};

const STATES: Record<string, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
  escalated: "Escalated to the Virtual School Head",
};

/** The latest event of `action`, if any. */
const latest = (alert: AlertForCard, action: string) => alert.events.filter((e) => e.action === action).at(-1);

function stateOf(alert: AlertForCard): string {
  if (alert.status === "snoozed" && alert.snoozedUntil)
    return `Snoozed until ${formatDateWithWeekday(alert.snoozedUntil)}`;
  if (alert.status === "resolved") {
    const last = alert.events.at(-1);
    const why =
      last?.action === "cleared"
        ? CLEARED[last.detail ?? ""]?.state
        : last && (last.action === "quality_assured" || last.action === "pep_qa")
          ? `PEP quality-assured${rated(last.detail)}`
          : last && (last.action === "returned" || last.action === "pep_return")
            ? "PEP returned for changes"
            : last?.action === "pep_held"
              ? "PEP meeting held"
              : undefined;
    return why ? `Resolved: ${why}` : "Resolved";
  }
  return STATES[alert.status] ?? alert.status;
}

/** A quality-assurance outcome: what the Virtual School decided, from the alert or its PEP. */
function outcomeHeading(details: Record<string, unknown>, pep: PepForCard | null | undefined): string {
  // The alert says which outcome it announces; a PEP returned and later rated keeps its first notice.
  const returned = details.returned === true || (details.rating === undefined && pep?.status === "returned");
  if (returned) return "PEP returned for changes";
  const rating = typeof details.rating === "string" ? details.rating : pep?.rag;
  return `PEP quality-assured${rated(rating ?? null)}`;
}

function headingOf(alert: AlertForCard, title: string, details: Record<string, unknown>): string {
  if (alert.rule === "pep_qa_outcome") return outcomeHeading(details, alert.pep);
  // A task for the Virtual School, not a warning: no RAG word, which would read as the PEP's rating.
  if (alert.rule === "pep_quality_assurance") return title;
  return `${alert.severity === "red" ? "Red" : "Amber"}: ${title}`;
}

function pepAnswerOf(
  alert: AlertForCard,
  viewer: AlertViewer,
  links: TabLinks,
  today: IsoDate | undefined,
): PepAnswerView | null {
  if (!PEP_ANSWER_RULES.has(alert.rule) || !PEP_ANSWERERS.has(viewer)) return null;
  return { bookedMin: today ?? null, heldMax: today ?? null, formUrl: links.pep(alert.childId) };
}

function qaOf(alert: AlertForCard, viewer: AlertViewer, links: TabLinks, answered: boolean): PepQaView | null {
  const pep = alert.pep;
  // Targets and money are for the Virtual School's eyes: nobody else gets this card's summary.
  if (alert.rule !== "pep_quality_assurance" || viewer !== "virtual_school" || !pep) return null;
  const requested = pep.targets.reduce((sum, t) => sum + t.ppRequestedPence, 0);
  return {
    term: termName(pep.term),
    meeting: pep.meetingDate && isIsoDate(pep.meetingDate) ? formatDateWithWeekday(pep.meetingDate) : null,
    attendees: (pep.attendees ?? "").split("\n").filter((line) => line.trim() !== "").length,
    submitted: pep.submittedAt ? formatDate(londonDateOf(pep.submittedAt)) : null,
    targets: pep.targets.map((t) => ({
      text: t.text,
      owner: t.owner,
      by: isIsoDate(t.byDate) ? formatDate(t.byDate) : t.byDate,
      ppRequested: t.ppRequestedPence > 0 ? money(t.ppRequestedPence) : null,
    })),
    ppRequestedTotal: money(requested),
    criteria: QA_CRITERIA_CHOICES,
    canAnswer: !answered,
    formUrl: links.pep(alert.childId),
  };
}

/**
 * The card's view for one viewer. `today` (England's date) bounds the PEP date inputs:
 * booked from today, held up to today; without it the inputs are unbounded (the PEP
 * service still refuses a booking in the past or a meeting held in the future).
 */
export function alertCardView(
  alert: AlertForCard,
  viewer: AlertViewer,
  refreshUserIds: string[],
  links: TabLinks,
  today?: IsoDate,
): AlertCardModel {
  const details = JSON.parse(alert.details) as Record<string, unknown>;
  const names = { ...FACT_NAMES, ...RULE_FACT_NAMES[alert.rule] };
  const facts = Object.entries(details).flatMap(([key, value]) => {
    // Nothing is approved for a PEP sent back: "£0.00 approved" would read as a decision.
    if (key === "approvedPence" && details.returned === true) return [];
    const title = names[key];
    const shown = show(key, value);
    return title && shown ? [{ title, value: shown }] : [];
  });
  const answered = alert.status === "resolved";
  const when = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
  const title = alertTitle(alert.rule);
  const booking =
    PEP_ANSWER_RULES.has(alert.rule) && !answered ? onDay(latest(alert, "pep_booked")?.detail ?? null) : null;
  return {
    alertId: alert.id,
    childId: alert.childId,
    displayName: displayName(alert.child),
    title,
    heading: headingOf(alert, title, details),
    severity: alert.severity === "red" ? "red" : "amber",
    notice: alert.rule === "pep_qa_outcome",
    booked: booking ? `PEP meeting booked for ${booking}` : null,
    comment: alert.rule === "pep_qa_outcome" ? alert.pep?.qaComment?.trim() || null : null,
    pepAnswer: answered ? null : pepAnswerOf(alert, viewer, links, today),
    qa: qaOf(alert, viewer, links, answered),
    raised: formatDate(londonDateOf(alert.raisedAt)),
    facts,
    state: stateOf(alert),
    answered,
    // The latest ten: a card must stay small however busy the alert was.
    history: alert.events.slice(-10).map((e) => ({
      when: when.format(e.at),
      who: e.by
        ? displayName({ firstName: e.by.split(" ")[0] ?? e.by, lastName: e.by.split(" ").slice(1).join(" ") })
        : "The Virtual School",
      what: (EVENTS[e.action] ?? (() => e.action))(e.detail),
    })),
    viewer,
    attendance: ATTENDANCE_RULES.has(alert.rule),
    reasonCodes: REASON_CODES,
    refreshUserIds: refreshUserIds.slice(0, 60),
    tabUrl: links.child(alert.childId),
  };
}

/**
 * Whose buttons a person gets: the school's (DT), the social worker's, the IRO's (noted
 * and log), the Virtual School's (the Head, who may answer any alert, and education
 * advisers); nothing for someone the alert was not sent to.
 */
export function viewerFor(role: string, isRecipient: boolean): AlertViewer {
  if (!isRecipient && role !== "vsh") return "other";
  switch (role) {
    case "designated_teacher":
      return "designated_teacher";
    case "iro":
      return "iro";
    case "vsh":
    case "education_adviser":
      return "virtual_school";
    default:
      return "social_worker";
  }
}
