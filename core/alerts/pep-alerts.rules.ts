/**
 * PEP alerts, judged entirely by `pepStatus` so that a card, a caseload and an alert never
 * disagree about when a PEP is due. Each alert's period is the due date (or the review
 * date) it is about: the same deadline alerts once, and a new deadline (the next term's
 * PEP, a review moved) alerts again.
 */

import { schoolDaysBetween } from "../calendar/school-days.js";
import { type PepStatus, pepHeldOn, pepStatus, reviewForPep } from "../peps/pep.rules.js";
import { addDays } from "../platform/dates.js";
import type { AlertContext, AlertFinding } from "./alert.rules.js";
import type { RecipientRole, ScanFacts } from "./alert.types.js";

/** The social worker initiates the PEP and the designated teacher leads it in school. */
const PEP_TEAM: RecipientRole[] = ["social_worker", "designated_teacher"];

/** What the PEP alerts read of a child's facts and of the scan's context. */
export type PepAlertFacts = Pick<
  ScanFacts,
  "lookedAfterSince" | "careStartKnown" | "dateOfBirth" | "peps" | "reviews" | "plannedReviews"
>;
export type PepAlertContext = Pick<AlertContext, "today" | "calendar" | "bankHolidays" | "policy">;

export function pepAlerts(facts: PepAlertFacts, ctx: PepAlertContext): AlertFinding[] {
  const status = pepStatus({
    lookedAfterSince: facts.lookedAfterSince,
    careStartKnown: facts.careStartKnown,
    dateOfBirth: facts.dateOfBirth,
    peps: facts.peps,
    reviews: facts.reviews,
    plannedReviews: facts.plannedReviews,
    today: ctx.today,
    calendar: ctx.calendar,
    bankHolidays: ctx.bankHolidays,
    policy: ctx.policy,
  });
  // No PEP owed (not looked after, too old or too young): nothing about PEPs is worth
  // saying, but a child in care below the PEP age still has care-plan reviews.
  if (!status.required) return reviewOverdue(status);
  return [...pepDeadline(status, ctx), ...pepBeforeReview(status, ctx), ...reviewOverdue(status)];
}

/**
 * The care-plan review's statutory date has passed with no review held since: the IRO
 * chairs it and the social worker arranges it. Once per statutory date; a review recorded
 * as held moves the date on and clears the alert. (Missing review data is not overdue:
 * see `reviewOverdue` in pep.rules.ts.)
 */
function reviewOverdue(status: PepStatus): AlertFinding[] {
  if (!status.reviewOverdue || status.nextReviewDue === null) return [];
  return [
    {
      rule: "review_overdue",
      period: status.nextReviewDue,
      severity: "red",
      recipients: ["iro", "social_worker"],
      details: { reviewDue: status.nextReviewDue, reviewBooked: status.nextReviewPlanned },
    },
  ];
}

/** The next PEP owed, when it is due within `pepDueSoonSchoolDays` school days or late. */
function pepDeadline(status: PepStatus, ctx: PepAlertContext): AlertFinding[] {
  const due = status.nextDue;
  if (due === null || !(status.dueSoon || status.overdue)) return [];
  // No completed PEP yet means the one owed is the initial PEP (pepStatus names it so).
  const initial = status.nextDueFor === "initial";
  const rule = status.overdue
    ? initial
      ? "pep_initial_overdue"
      : "pep_overdue"
    : initial
      ? "pep_initial_due"
      : "pep_review_due";
  return [
    {
      rule,
      period: due,
      severity: status.overdue ? "red" : "amber",
      recipients: [...PEP_TEAM],
      details: {
        dueDate: due,
        schoolDaysLeft: status.overdue ? 0 : schoolDaysBetween(ctx.calendar, addDays(ctx.today, 1), due),
        schoolDaysOverdue: status.daysOverdue,
        lastPepHeldOn: status.lastCompleted ? pepHeldOn(status.lastCompleted) : null,
      },
    },
  ];
}

/**
 * The IRO should have the current PEP `pepBeforeReviewWorkingDays` working days before the
 * next care-plan review (booked or statutory, whichever is earlier). From that cut-off
 * until the review, a review no PEP held serves is raised with the IRO, once per review.
 *
 * pepStatus says when a new PEP is needed (`pepNeededForReviewBy`, null when the PEP held
 * serves the review: in its term, the holiday after, or the carry-over window early in
 * the next term), so the card and this alert never disagree; a January review served by
 * the autumn PEP raises nothing.
 */
function pepBeforeReview(status: PepStatus, ctx: PepAlertContext): AlertFinding[] {
  const { pepNeededForReviewBy: cutOff, nextDue } = status;
  const review = reviewForPep(status);
  if (review === null || cutOff === null || ctx.today < cutOff || ctx.today >= review) return [];
  return [
    {
      rule: "pep_before_review",
      period: review,
      severity: "amber",
      recipients: ["iro", "social_worker"],
      details: {
        reviewDate: review,
        pepNeededBy: cutOff,
        pepDueDate: nextDue,
        lastPepHeldOn: status.lastCompleted ? pepHeldOn(status.lastCompleted) : null,
      },
    },
  ];
}
