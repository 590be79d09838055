/**
 * The IRO's pre-review brief: the child's education since the last care-plan review held
 * (a booking is not a review), so the review can ask the right questions, and the next
 * review as booked and as statutorily due. Pure.
 *
 * - Whether the PEP is current for the review is the PEP rules' own judgement
 *   (pepNeededForReviewBy: null when the PEP held serves the next review; inDate and
 *   notInDateBecause otherwise), never a second reckoning here.
 * - School moves are places started or ended since the review; exclusions likewise.
 * - Attendance covers the register marks from the review on. When the first of them comes
 *   later than the review (a child who joined the roll after it, or whose school sent no
 *   marks for a while), the brief says from when, so a rate is not read as the whole period.
 */
import {
  type AttendanceSummary,
  summariseAttendance,
  type WeeklyAttendance,
  weeklyAttendance,
} from "../attendance/attendance.rules.js";
import { asCompiledCalendar, nextSchoolDay } from "../calendar/school-days.js";
import type { NotInDate, PepRecord } from "../peps/pep.rules.js";
import { isPepComplete, pepHeldOn, reviewForPep } from "../peps/pep.rules.js";
import { addDays, type IsoDate, londonDateOf } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import type { ChildFacts, EducationStatus } from "./status.js";
import { currentOf, educationStatus } from "./status.js";

export const BRIEF_TREND_WEEKS = 6;

/** Whether the PEP on record serves the review coming up (pepStatus's judgement). */
export type PepForReview = {
  required: boolean;
  /** The review the PEP is needed for: the earlier of the booked and the statutory date. */
  review: IsoDate | null;
  /** A new PEP is needed by this date for that review; null when the PEP held serves it. */
  neededBy: IsoDate | null;
  inDate: boolean;
  notInDateBecause: NotInDate | null;
  /** When the last PEP counted was held. */
  lastHeld: IsoDate | null;
};

/** A place started or ended since the review. */
export type SchoolChange = { kind: "joined" | "left"; school: string; on: IsoDate };

/** The register marks the attendance since the review is counted from. */
export type AttendancePeriod = {
  /** First and last marks counted; null when there are none. */
  from: IsoDate | null;
  to: IsoDate | null;
  /** The registers start later than the first school day after the review. */
  startsAfterReview: boolean;
  /** The current place began after the review (the usual reason the registers start later). */
  joinedRollOn: IsoDate | null;
};

export type IroBrief = {
  childId: number;
  /** The last care-plan review on or before today: the brief covers what happened since. */
  since: IsoDate | null;
  /** The next review: the booked date when there is one, else the statutory date. */
  nextReview: IsoDate | null;
  /** The date booked for the next review, if any. */
  reviewBooked: IsoDate | null;
  /** The statutory date of the next review (a booking after it does not move it). */
  reviewDue: IsoDate | null;
  /** The statutory date has passed with no review held since. */
  reviewOverdue: boolean;
  pepForReview: PepForReview;
  /** Places started or ended since the review, oldest first. */
  schoolChanges: SchoolChange[];
  attendanceSince: AttendanceSummary;
  attendancePeriod: AttendancePeriod;
  /** The last few weeks, oldest first. */
  trend: WeeklyAttendance[];
  status: EducationStatus;
  lastPep: PepRecord | null;
  targets: string[];
  exclusionsSince: ChildFacts["exclusions"];
  actionsSince: ChildFacts["actions"];
};

function schoolChanges(facts: ChildFacts, from: IsoDate, today: IsoDate): SchoolChange[] {
  const changes = facts.enrolments.flatMap((e): SchoolChange[] => [
    ...(e.fromDate > from && e.fromDate <= today
      ? [{ kind: "joined" as const, school: e.schoolName, on: e.fromDate }]
      : []),
    ...(e.toDate !== null && e.toDate >= from && e.toDate < today
      ? [{ kind: "left" as const, school: e.schoolName, on: e.toDate }]
      : []),
  ]);
  // A move on one day reads "left, then joined".
  return changes.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.kind === "left" ? -1 : 1));
}

function attendancePeriod(facts: ChildFacts, since: IsoDate | null, dates: IsoDate[], today: IsoDate) {
  const from = dates[0] ?? null;
  const current = currentOf(facts.enrolments, today);
  const joinedRollOn = since !== null && current !== null && current.fromDate > since ? current.fromDate : null;
  // The first school day after the review, on the child's calendar; a week when the calendar does not reach it.
  const firstDay =
    since === null ? null : (nextSchoolDay(asCompiledCalendar(facts.calendar), since) ?? addDays(since, 7));
  const startsAfterReview = from !== null && firstDay !== null && (joinedRollOn !== null || from > firstDay);
  return { from, to: dates.at(-1) ?? null, startsAfterReview, joinedRollOn };
}

export function iroBrief(facts: ChildFacts, today: IsoDate, policy: Policy): IroBrief {
  const status = educationStatus(facts, today, policy);
  const since =
    facts.reviews
      .filter((d) => d <= today)
      .sort()
      .at(-1) ?? null;
  const from = since ?? facts.child.lookedAfterSince ?? today;
  const marksSince = facts.marks.filter((m) => m.date >= from && m.date <= today);
  const completed = facts.peps.filter(isPepComplete).sort((a, b) => (pepHeldOn(a) < pepHeldOn(b) ? -1 : 1));
  const lastPep = completed.at(-1) ?? null;
  const pep = status.pep;
  return {
    childId: facts.child.id,
    since,
    nextReview: pep.nextReviewPlanned ?? pep.nextReviewDue,
    reviewBooked: pep.nextReviewPlanned,
    reviewDue: pep.nextReviewDue,
    reviewOverdue: pep.reviewOverdue,
    pepForReview: {
      required: pep.required,
      review: reviewForPep(pep),
      neededBy: pep.pepNeededForReviewBy,
      inDate: pep.inDate,
      notInDateBecause: pep.notInDateBecause,
      lastHeld: pep.lastCompleted ? pepHeldOn(pep.lastCompleted) : null,
    },
    schoolChanges: schoolChanges(facts, from, today),
    attendanceSince: summariseAttendance(marksSince, policy),
    attendancePeriod: attendancePeriod(facts, since, [...new Set(marksSince.map((m) => m.date))].sort(), today),
    trend: weeklyAttendance(facts.marks, { from: addDays(today, -7 * (BRIEF_TREND_WEEKS - 1)), to: today }).slice(
      -BRIEF_TREND_WEEKS,
    ),
    status,
    lastPep,
    targets: (lastPep?.targets ?? "")
      .split("\n")
      .map((t) => t.trim())
      .filter(Boolean),
    exclusionsSince: facts.exclusions.filter((x) => x.startDate >= from),
    // An action logged at 00:30 in summer is that day in England, not the day before (UTC).
    actionsSince: facts.actions.filter((a) => londonDateOf(new Date(a.at)) >= from),
  };
}
