/**
 * An alert as its card shows it to one viewer: title and facts by rule (dates in en-GB,
 * no names beyond "Jordan S."), its state and history, and whose buttons to show. A PEP
 * alert offers "booked for / held on" to those who may record the PEP; a PEP to
 * quality-assure shows Virtual School staff its summary and targets; a quality-assurance
 * outcome is a notice.
 */

import { ATTENDANCE_RULES } from "../../core/alerts/answers.js";
import { PEP_DUE_RULES } from "../../core/alerts/record-sync.js";
import { ATTENDANCE_CODES } from "../../core/attendance/codes.js";
import { displayName, displayNameOf } from "../../core/children/mentions.js";
import { formatDate, formatDateWithWeekday, type IsoDate, isIsoDate, londonDateOf } from "../../core/platform/dates.js";
import type { AlertCardModel, AlertViewer, PepAnswerView, PepQaView } from "../view-models.js";
import {
  alertTitle,
  EVENTS,
  FACT_NAMES,
  onDay,
  RATINGS,
  RULE_FACT_NAMES,
  rated,
  resolvedBy,
  STATES,
} from "./alert-texts.js";
import { money } from "./child-views.js";
import { QA_CRITERIA_CHOICES, termName } from "./pep-views.js";
import type { TabLinks } from "./tab-links.js";

/** Who may record a PEP from its alert (the PEP service checks again). */
const PEP_ANSWERERS: ReadonlySet<AlertViewer> = new Set(["designated_teacher", "social_worker", "virtual_school"]);

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

/** The latest event of `action`, if any. */
const latest = (alert: AlertForCard, action: string) => alert.events.filter((e) => e.action === action).at(-1);

function stateOf(alert: AlertForCard): string {
  if (alert.status === "snoozed" && alert.snoozedUntil)
    return `Snoozed until ${formatDateWithWeekday(alert.snoozedUntil)}`;
  if (alert.status === "resolved") {
    const last = alert.events.at(-1);
    const why = last ? resolvedBy(last.action, last.detail) : undefined;
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
  if (!PEP_DUE_RULES.has(alert.rule) || !PEP_ANSWERERS.has(viewer)) return null;
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
    PEP_DUE_RULES.has(alert.rule) && !answered ? onDay(latest(alert, "pep_booked")?.detail ?? null) : null;
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
      who: e.by ? displayNameOf(e.by) : "The Virtual School",
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
