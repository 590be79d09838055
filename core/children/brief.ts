/**
 * The IRO's pre-review brief: the child's education since the last care-plan review held
 * (a booking is not a review), so the review can ask the right questions, and the next
 * review as booked and as statutorily due. Pure.
 */
import {
  type AttendanceSummary,
  summariseAttendance,
  type WeeklyAttendance,
  weeklyAttendance,
} from "../attendance/attendance.rules.js";
import type { PepRecord } from "../peps/pep.rules.js";
import { isPepComplete, pepHeldOn } from "../peps/pep.rules.js";
import { addDays, type IsoDate, londonDateOf } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import type { ChildFacts, EducationStatus } from "./status.js";
import { educationStatus } from "./status.js";

export const BRIEF_TREND_WEEKS = 6;

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
  attendanceSince: AttendanceSummary;
  /** The last few weeks, oldest first. */
  trend: WeeklyAttendance[];
  status: EducationStatus;
  lastPep: PepRecord | null;
  targets: string[];
  exclusionsSince: ChildFacts["exclusions"];
  actionsSince: ChildFacts["actions"];
};

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
  return {
    childId: facts.child.id,
    since,
    nextReview: status.pep.nextReviewPlanned ?? status.pep.nextReviewDue,
    reviewBooked: status.pep.nextReviewPlanned,
    reviewDue: status.pep.nextReviewDue,
    reviewOverdue: status.pep.reviewOverdue,
    attendanceSince: summariseAttendance(marksSince, policy),
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
