/**
 * PEP alerts, judged entirely by `pepStatus` so that a card, a caseload and an alert never
 * disagree about when a PEP is due. Each alert's period is the due date (or the review
 * date) it is about: the same deadline alerts once, and a new deadline (the next term's
 * PEP, a review moved) alerts again.
 */

import { schoolDaysBetween } from "../calendar/school-days.js";
import { type PepStatus, pepHeldOn, pepStatus } from "../peps/pep.rules.js";
import { addDays, type IsoDate, minDate } from "../platform/dates.js";
import type { AlertContext, AlertFinding } from "./alert.rules.js";
import type { RecipientRole, ScanFacts } from "./alert.types.js";

/** The social worker initiates the PEP and the designated teacher leads it in school. */
const PEP_TEAM: RecipientRole[] = ["social_worker", "designated_teacher"];

export function pepAlerts(facts: ScanFacts, ctx: AlertContext): AlertFinding[] {
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
  // Not looked after, or too old: no PEP is owed, so nothing about PEPs is worth saying.
  if (!status.required) return [];
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
function pepDeadline(status: PepStatus, ctx: AlertContext): AlertFinding[] {
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
 * until the review, a PEP that is not current is raised with the IRO, once per review.
 *
 * pep.rules lets a review in the first days of a term be served by the previous term's PEP
 * (the PEP owed then falls due after the review): that is not raised, or every January
 * review would alert over a PEP nobody yet owes.
 */
function pepBeforeReview(status: PepStatus, ctx: AlertContext): AlertFinding[] {
  const { nextReviewDue, nextReviewPlanned, pepNeededForReviewBy: cutOff, nextDue } = status;
  if (nextReviewDue === null || cutOff === null || status.current) return [];
  const review: IsoDate = nextReviewPlanned ? minDate(nextReviewPlanned, nextReviewDue) : nextReviewDue;
  if (ctx.today < cutOff || ctx.today >= review) return [];
  if (nextDue !== null && nextDue > review) return [];
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
