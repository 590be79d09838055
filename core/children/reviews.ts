/**
 * The IRO's care-plan reviews coming up: for each child in scope, the next review from the
 * same PEP judgement as the status card (pepStatus: nextReviewPlanned, nextReviewDue,
 * reviewOverdue). Pure.
 *
 * - A booked review in the window is listed on its booked date.
 * - With none booked, the statutory date is listed when it falls in the window.
 * - A statutory date already passed with no review held (overdue) is always listed, first,
 *   booked or not: it is the one the IRO most needs to see.
 */
import type { PepStatus } from "../peps/pep.rules.js";
import { addDays, dayOfWeek, type IsoDate } from "../platform/dates.js";

export const REVIEW_WINDOWS = ["four_weeks", "week"] as const;
export type ReviewWindow = (typeof REVIEW_WINDOWS)[number];

/** The last day a window reaches: four weeks from today, or this week's Sunday. */
export function reviewWindowEnd(today: IsoDate, window: ReviewWindow): IsoDate {
  if (window === "four_weeks") return addDays(today, 27);
  return addDays(today, (7 - dayOfWeek(today)) % 7);
}

export type UpcomingReview = {
  childId: number;
  firstName: string;
  lastName: string;
  school: string | null;
  /** The date listed: the booking when there is one, else the statutory date. */
  date: IsoDate;
  booked: boolean;
  /** The statutory date, when known. */
  due: IsoDate | null;
  overdue: boolean;
  /** A new PEP is needed by this date for the review; null when the PEP held serves it. */
  pepNeededBy: IsoDate | null;
};

type Judged = {
  id: number;
  firstName: string;
  lastName: string;
  school: { name: string } | null;
  pep: Pick<PepStatus, "nextReviewPlanned" | "nextReviewDue" | "reviewOverdue" | "pepNeededForReviewBy">;
};

export function upcomingReviews(children: readonly Judged[], today: IsoDate, until: IsoDate): UpcomingReview[] {
  return children
    .flatMap((c): UpcomingReview[] => {
      const { nextReviewPlanned: booked, nextReviewDue: due, reviewOverdue: overdue } = c.pep;
      const date = booked ?? due;
      if (date === null) return [];
      const inWindow = date >= today && date <= until;
      if (!inWindow && !overdue) return [];
      return [
        {
          childId: c.id,
          firstName: c.firstName,
          lastName: c.lastName,
          school: c.school?.name ?? null,
          date,
          booked: booked !== null,
          due,
          overdue,
          pepNeededBy: c.pep.pepNeededForReviewBy,
        },
      ];
    })
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        a.date.localeCompare(b.date) ||
        a.lastName.localeCompare(b.lastName) ||
        a.firstName.localeCompare(b.firstName),
    );
}
