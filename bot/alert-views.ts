/**
 * An alert as its card shows it to one viewer: title and facts by rule (dates in en-GB,
 * no names beyond "Jordan S."), its state and history, and whose buttons to show.
 */
import type { AlertCardModel, AlertViewer } from "../cards/view-models.js";
import { ATTENDANCE_RULES } from "../core/alerts/answers.js";
import { ATTENDANCE_CODES } from "../core/attendance/codes.js";
import { displayName } from "../core/children/mentions.js";
import { formatDate, formatDateWithWeekday, isIsoDate, londonDateOf } from "../core/platform/dates.js";
import type { TabLinks } from "./views.js";

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
};

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
};

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
};

const show = (value: unknown): string | null => {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? "Yes" : "No";
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
};

const STATES: Record<string, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
  escalated: "Escalated to the Virtual School Head",
};

export function alertCardView(
  alert: AlertForCard,
  viewer: AlertViewer,
  refreshUserIds: string[],
  links: TabLinks,
): AlertCardModel {
  const details = JSON.parse(alert.details) as Record<string, unknown>;
  const facts = Object.entries(details).flatMap(([key, value]) => {
    const title = FACT_NAMES[key];
    const shown = show(value);
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
  return {
    alertId: alert.id,
    childId: alert.childId,
    displayName: displayName(alert.child),
    title: TITLES[alert.rule] ?? alert.rule.replaceAll("_", " "),
    severity: alert.severity === "red" ? "red" : "amber",
    raised: formatDate(londonDateOf(alert.raisedAt)),
    facts,
    state:
      alert.status === "snoozed" && alert.snoozedUntil
        ? `Snoozed until ${formatDateWithWeekday(alert.snoozedUntil)}`
        : (STATES[alert.status] ?? alert.status),
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

/** The school's buttons for the DT; acknowledge / ask the school / log for every other recipient. */
export function viewerFor(role: string, isRecipient: boolean): AlertViewer {
  if (!isRecipient && role !== "vsh") return "other";
  return role === "designated_teacher" ? "designated_teacher" : "social_worker";
}
