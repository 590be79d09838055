/**
 * From core results to card view models: formatting (en-GB dates, percentages) and the
 * minimum a chat card may carry (first name and initial; no date of birth, no UPN).
 */

import type { Role } from "../../core/access/roles.js";
import { weekStartOf } from "../../core/attendance/attendance.rules.js";
import type { IroBrief } from "../../core/children/brief.js";
import type { CareStatus } from "../../core/children/care.js";
import type { Badge } from "../../core/children/caseload.rules.js";
import { displayName } from "../../core/children/mentions.js";
import type { EducationStatus, LoggedAction } from "../../core/children/status.js";
import type { ChildTeam } from "../../core/children/team.js";
import type { NotInDate, PepStatus } from "../../core/peps/pep.rules.js";
import { formatDate, formatDateWithWeekday, type IsoDate, londonDateOf } from "../../core/platform/dates.js";
import type { ActionView, BriefCardModel, CaseloadCardModel, StatusCardModel } from "../view-models.js";
import { contactViews, headlineFor, pepDueLabel, suggestionsFor } from "./glance-views.js";
import { attendancePeriodText, pepForReviewText, schoolMovesText, schoolText } from "./iro-views.js";
import { sessionMark } from "./session-marks.js";
import type { TabLinks } from "./tab-links.js";

type Named = { id: number; firstName: string; lastName: string };

const GBP = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

/** "£250.00" from pence. */
export const money = (pence: number): string => GBP.format(pence / 100);

export const percent = (rate: number | null): string | null => (rate === null ? null : `${(rate * 100).toFixed(1)}%`);

const SEN: Record<string, string> = { none: "None", sen_support: "SEN support", ehcp: "EHCP" };

const PHASES: Record<string, string> = {
  nursery: "Nursery",
  primary: "Primary",
  secondary: "Secondary",
  all_through: "All-through",
  special: "Special school",
  alternative_provision: "Alternative provision",
  post16: "Post-16",
};

/** "AM present", "PM N (reason not yet established)"; null when not marked. */
const sessionText = (session: string, code: string | null): string | null => (code ? sessionMark(session, code) : null);

export const CATEGORY_NAMES: Record<string, string> = {
  contact_carer: "Contact with carer",
  contact_school: "Contact with school",
  contact_social_worker: "Contact with social worker",
  pep: "PEP",
  attendance: "Attendance",
  exclusion: "Exclusion",
  sen: "SEN",
  meeting: "Meeting",
  other: "Other",
};

/** Why a child is not in date, in the card's words (pepStatus's notInDateBecause). */
const NOT_IN_DATE: Record<NotInDate, string> = {
  overdue: "Not in date: the PEP owed is overdue",
  none_on_record: "Not in date: no PEP on record yet",
  last_held_late: "Not in date: the last PEP was held late",
  no_term_dates: "Not in date: no term dates are loaded for today",
};

export function pepSummary(pep: PepStatus): string {
  if (!pep.required) return "Not required";
  if (pep.overdue) return `Overdue by ${pep.daysOverdue} school day${pep.daysOverdue === 1 ? "" : "s"}`;
  if (pep.dueSoon) return "Due soon";
  if (pep.inDate) return "In date";
  // Not late now, but not in date either (the VSH's measure): the judgement says why.
  return pep.notInDateBecause ? NOT_IN_DATE[pep.notInDateBecause] : "Not in date";
}

/** Long notes are cut on cards (the tab shows them whole) so a card stays well under Teams' size limit. */
const ACTION_TEXT_ON_CARD = 400;
const clip = (text: string) =>
  text.length > ACTION_TEXT_ON_CARD ? `${text.slice(0, ACTION_TEXT_ON_CARD - 1)}…` : text;

const actionViews = (actions: readonly LoggedAction[]): ActionView[] =>
  actions.map((a) => ({ when: formatDate(londonDateOf(new Date(a.at))), by: a.by, text: clip(a.text) }));

const maybeDate = (d: IsoDate | null | undefined) => (d ? formatDate(d) : null);

/**
 * The next care-plan review as a person needs it: the date booked against the statutory
 * date, or that it is overdue (a booking does not stop that clock, a review held does).
 * A statutory date long past that the core does not count as overdue (pepStatus's
 * reviewOverdue: no review held or booked at all, a gap in the records) is said as that,
 * never as a "due by" date in the past.
 */
export function reviewText(
  review: { booked: IsoDate | null; due: IsoDate | null; overdue: boolean },
  today: IsoDate,
): string | null {
  const { booked, due, overdue } = review;
  if (due === null) return booked ? `${formatDate(booked)} (booked)` : null;
  if (overdue) return `Overdue since ${formatDate(due)}; ${booked ? `booked for ${formatDate(booked)}` : "not booked"}`;
  if (due < today) return `No review on record (the first was due by ${formatDate(due)})`;
  if (booked === null) return `Due by ${formatDate(due)}, not booked yet`;
  if (booked > due) return `${formatDate(booked)} (booked, after the statutory date ${formatDate(due)})`;
  return `${formatDate(booked)} (booked; statutory date ${formatDate(due)})`;
}

const reviewOf = (p: PepStatus, today: IsoDate) =>
  reviewText({ booked: p.nextReviewPlanned, due: p.nextReviewDue, overdue: p.reviewOverdue }, today);

/** "Year 9", "Reception", "N2": Reception as a word, nursery years as schools write them. */
export function yearGroupText(yearGroup: string | null): string | null {
  if (yearGroup === null || yearGroup.trim() === "") return null;
  const y = yearGroup.trim().toUpperCase();
  if (y === "R") return "Reception";
  if (/^N\d$/.test(y)) return y;
  return `Year ${yearGroup.trim()}`;
}

/** Where the child stands in care, in a line: the Virtual School's duty follows from it. */
export function careText(care: CareStatus): string {
  switch (care.kind) {
    case "looked_after":
      return care.startKnown
        ? `Looked after since ${formatDate(care.since)}`
        : `Looked after since ${formatDate(care.since)} or earlier (the start is before our records)`;
    case "left_care": {
      // Previously looked after (adopted, special guardianship or child arrangements order):
      // the Virtual School still owes information and advice, so the card says so.
      const left = `Left care on ${formatDate(care.ceasedOn)}${care.reason ? ` (${care.reason.text})` : ""}`;
      return care.previouslyLookedAfter
        ? `${left}: previously looked after — the Virtual School gives information and advice`
        : `${left}: no PEP duty; the record is kept`;
    }
    case "short_breaks":
      return "Short breaks (not in the Virtual School's cohort; no PEP)";
    default:
      return "Not looked after";
  }
}

export function statusView(
  child: Named,
  s: EducationStatus,
  asOf: IsoDate,
  links: TabLinks,
  team: ChildTeam | null = null,
  role: Role | null = null,
): StatusCardModel {
  const a = s.attendance;
  const marks = [sessionText("AM", a.today.am), sessionText("PM", a.today.pm)].filter(Boolean);
  const flags = s.flags.map(({ code, severity, text }) => ({ code, severity, text }));
  return {
    childId: child.id,
    headline: headlineFor(flags, s.pep.lastCompleted?.rag ?? null),
    contacts: contactViews(team),
    suggestions: suggestionsFor(role),
    displayName: displayName(child),
    asOf: formatDate(asOf),
    care: careText(s.care),
    school: s.school
      ? {
          name: s.school.schoolName,
          phase: PHASES[s.school.phase] ?? s.school.phase,
          yearGroup: yearGroupText(s.school.yearGroup),
          outOfArea: s.school.outOfArea,
        }
      : null,
    daysWithoutSchoolPlace: s.school ? null : s.daysWithoutSchoolPlace,
    attendance: {
      rate: percent(a.attendanceRate),
      possibleSessions: a.possibleSessions,
      unauthorisedSessions: a.unauthorisedAbsence,
      today: marks.length > 0 ? marks.join(" · ") : "not marked yet",
      persistentAbsence: a.persistentAbsence,
      severeAbsence: a.severeAbsence,
      currentRunDays: a.currentUnexplainedRun?.days ?? 0,
    },
    pep: {
      summary: pepSummary(s.pep),
      nextDue: maybeDate(s.pep.nextDue),
      nextDueLabel: pepDueLabel(s.pep.nextDue, asOf),
      lastCompleted: maybeDate(
        s.pep.lastCompleted ? (s.pep.lastCompleted.meetingDate ?? s.pep.lastCompleted.dueDate) : null,
      ),
      rag: s.pep.lastCompleted?.rag ?? null,
      booked: s.pep.booked ? formatDateWithWeekday(s.pep.booked) : null,
      nextReview: s.pep.required ? reviewOf(s.pep, asOf) : maybeDate(s.pep.nextReviewPlanned),
    },
    sen: SEN[s.sen.status] ?? s.sen.status,
    exclusions: {
      suspensionsThisYear: s.exclusions.suspensionsThisYear,
      suspensionDays: s.exclusions.suspensionDaysThisYear,
      permanent: s.exclusions.permanent,
    },
    recentActions: actionViews(s.recentActions),
    flags,
    notes: s.notes,
    tabUrl: links.teams(child.id),
  };
}

export const CASELOAD_CARD_LIMIT = 25;

type CaseloadRow = Named & { school: { name: string } | null; badges: Badge[] };

/** One page of the caseload (caseloadPage): "Show more" asks for the next. */
export function caseloadView(
  title: string,
  list: { items: readonly CaseloadRow[]; total: number; page: number; pages: number },
  links: TabLinks,
): CaseloadCardModel {
  const first = (list.page - 1) * CASELOAD_CARD_LIMIT + 1;
  return {
    title,
    total: list.total,
    children: list.items.map((c) => ({
      childId: c.id,
      displayName: displayName(c),
      school: c.school?.name ?? null,
      badges: c.badges.map(({ text, severity }) => ({ text, severity })),
    })),
    more: Math.max(0, list.total - (first - 1) - list.items.length),
    page: list.page,
    first,
    nextPage: list.page < list.pages ? list.page + 1 : null,
    tabUrl: links.home(),
  };
}

/**
 * A week's rate. This week's is still being written: it says how few sessions it rests on
 * ("0.0% so far, 1 session"), and a Monday morning's empty week is not "no school".
 */
export function weekRate(w: IroBrief["trend"][number], asOf: IsoDate): string {
  const current = w.weekStart === weekStartOf(asOf);
  const rate = percent(w.attendanceRate);
  if (rate === null) return current ? "no marks yet" : "no school";
  if (!current) return rate;
  return `${rate} so far, ${w.possibleSessions} session${w.possibleSessions === 1 ? "" : "s"}`;
}

export function briefView(child: Named, b: IroBrief, links: TabLinks, asOf: IsoDate): BriefCardModel {
  const week = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  const covers = attendancePeriodText(b.attendancePeriod, b.since);
  return {
    childId: child.id,
    displayName: displayName(child),
    since: maybeDate(b.since),
    nextReview: reviewOf(b.status.pep, asOf),
    pepForReview: pepForReviewText(b.pepForReview, asOf, b.reviewOverdue),
    school: schoolText(b.status.school),
    schoolMoves: schoolMovesText(b.schoolChanges, b.since),
    sen: SEN[b.status.sen.status] ?? b.status.sen.status,
    attendancePeriod: covers.period,
    attendanceNote: covers.note,
    attendance: {
      rateSince: percent(b.attendanceSince.attendanceRate),
      rateThisYear: percent(b.status.attendance.attendanceRate),
      persistentAbsence: b.status.attendance.persistentAbsence,
      trend: b.trend.map((w) => ({
        week: week.format(new Date(`${w.weekStart}T00:00:00Z`)),
        rate: weekRate(w, asOf),
      })),
    },
    pep: {
      summary: pepSummary(b.status.pep),
      lastMeeting: maybeDate(b.lastPep ? (b.lastPep.meetingDate ?? b.lastPep.dueDate) : null),
      nextDue: maybeDate(b.status.pep.nextDue),
      nextDueLabel: pepDueLabel(b.status.pep.nextDue, asOf),
      rag: b.lastPep?.rag ?? null,
      booked: b.status.pep.booked ? formatDateWithWeekday(b.status.pep.booked) : null,
    },
    targets: b.targets,
    exclusions: b.exclusionsSince.map((x) => ({ kind: x.kind, start: formatDate(x.startDate), days: x.days })),
    actions: actionViews(b.actionsSince.slice(0, 10)),
    flags: b.status.flags.map(({ code, severity, text }) => ({ code, severity, text })),
    tabUrl: links.child(child.id),
  };
}
