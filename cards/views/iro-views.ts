/**
 * The IRO's view, from core results to card view models: the reviews coming up and the
 * parts of the brief that say whether the PEP serves the review, the school moves and the
 * period the attendance covers. Plain English, en-GB dates; first name and initial only.
 */

import type { AttendancePeriod, PepForReview, SchoolChange } from "../../core/children/brief.js";
import { displayName } from "../../core/children/mentions.js";
import type { ReviewWindow, UpcomingReview } from "../../core/children/reviews.js";
import type { CurrentSchool } from "../../core/children/status.js";
import type { NotInDate } from "../../core/peps/pep.rules.js";
import { formatDate, formatDateWithWeekday, type IsoDate } from "../../core/platform/dates.js";
import type { ReviewsCardModel } from "../view-models.js";

const NOT_IN_DATE: Record<NotInDate, string> = {
  overdue: "the PEP owed is overdue",
  none_on_record: "no PEP is on record yet",
  last_held_late: "the last PEP was held late",
  no_term_dates: "no term dates are loaded for today",
};

/**
 * Whether the PEP is current for the review coming up, in a sentence. `reviewOverdue` is the
 * core's (pepStatus): a review date passed that it does not count as overdue is no review
 * on record at all, so there is no review to judge the PEP by.
 */
export function pepForReviewText(p: PepForReview, today: IsoDate, reviewOverdue: boolean): string | null {
  if (!p.required) return "No PEP is required";
  const held = p.lastHeld ? `the PEP held on ${formatDate(p.lastHeld)}` : null;
  const why = p.inDate || !p.notInDateBecause ? "" : ` (not in date: ${NOT_IN_DATE[p.notInDateBecause]})`;
  if (p.review !== null && p.review < today && !reviewOverdue)
    return `No review on record to judge it by; ${p.lastHeld ? `last PEP held ${formatDate(p.lastHeld)}` : "no PEP is on record"}${why}`;
  if (p.review === null)
    return held ? `No review date to judge it by; last PEP held ${formatDate(p.lastHeld ?? "")}${why}` : null;
  const review = `the review on ${formatDate(p.review)}`;
  if (p.neededBy === null) return held ? `Yes: ${held} serves ${review}${why}` : `No: no PEP is on record${why}`;
  const by = formatDateWithWeekday(p.neededBy);
  if (p.neededBy < today) return `No: ${review} needed a new PEP by ${by}${why}`;
  return `Not yet: ${review} needs a new PEP by ${by}${why}`;
}

export function schoolText(school: CurrentSchool | null): string {
  return school ? `${school.schoolName} (since ${formatDate(school.fromDate)})` : "No school place";
}

export function schoolMovesText(changes: readonly SchoolChange[], since: IsoDate | null): string {
  if (changes.length === 0) return `None since ${since ? "the review" : "care began"}`;
  return changes.map((c) => `${c.kind === "left" ? "Left" : "Joined"} ${c.school} on ${formatDate(c.on)}`).join("; ");
}

export function attendancePeriodText(
  p: AttendancePeriod,
  since: IsoDate | null,
): { period: string; note: string | null } {
  if (p.from === null || p.to === null)
    return { period: `No register marks since ${since ? "the review" : "care began"}`, note: null };
  const period = p.from === p.to ? formatDate(p.from) : `${formatDate(p.from)} to ${formatDate(p.to)}`;
  if (!p.startsAfterReview || since === null) return { period, note: null };
  const why = p.joinedRollOn ? `: joined the school roll on ${formatDate(p.joinedRollOn)}` : "";
  return {
    period,
    note: `Registers start on ${formatDate(p.from)}, later than the last review (${formatDate(since)})${why}. The attendance since the review covers only that period.`,
  };
}

function stateOf(r: UpcomingReview): { state: string; severity: "red" | "amber" | "default" } {
  if (r.overdue && r.due)
    return {
      state: `Overdue since ${formatDate(r.due)}; ${r.booked ? `booked for ${formatDate(r.date)}` : "not booked"}`,
      severity: "red",
    };
  if (!r.booked) return { state: "Statutory date, not booked yet", severity: "amber" };
  if (r.due && r.date > r.due)
    return { state: `Booked, after the statutory date ${formatDate(r.due)}`, severity: "red" };
  return { state: r.due ? `Booked (statutory date ${formatDate(r.due)})` : "Booked", severity: "default" };
}

function pepLine(r: UpcomingReview, today: IsoDate): string | null {
  if (r.pepNeededBy === null) return null;
  const by = formatDateWithWeekday(r.pepNeededBy);
  return r.pepNeededBy < today ? `New PEP was needed by ${by}` : `New PEP needed by ${by}`;
}

/** Rows the reviews card lists (overdue first, then soonest): a Teams card is refused over about 28 KB. */
export const REVIEWS_CARD_LIMIT = 25;

/** The reviews left off the card, in a line: how many, which dates, and where else to look. */
function notListedText(rest: readonly UpcomingReview[]): string | null {
  if (rest.length === 0) return null;
  const overdue = rest.filter((r) => r.overdue).length;
  const coming = rest.filter((r) => !r.overdue).map((r) => formatDateWithWeekday(r.date));
  const [first, last] = [coming[0], coming.at(-1)];
  const dates = !first || !last ? null : first === last ? `on ${first}` : `from ${first} to ${last}`;
  const which = [overdue > 0 ? `${overdue} overdue` : null, dates && overdue > 0 ? `${coming.length} ${dates}` : dates];
  const where = "ask again nearer the time, or see each child's next review in the tab";
  return `And ${rest.length} more, ${which.filter(Boolean).join(" and ")}: ${where}.`;
}

export function reviewsView(
  items: readonly UpcomingReview[],
  window: ReviewWindow,
  range: { asOf: IsoDate; until: IsoDate },
  tabUrl: string | null,
): ReviewsCardModel {
  const overdue = items.filter((r) => r.overdue).length;
  const due = items.length - overdue;
  // Overdue reviews are listed first, whatever the window: say so, or the count reads as the window's.
  const count =
    overdue > 0
      ? `${overdue} overdue, then ${due} due, soonest first`
      : `${items.length} review${items.length === 1 ? "" : "s"}, soonest first`;
  const listed = items.slice(0, REVIEWS_CARD_LIMIT);
  const cut = items.length > listed.length ? `; the ${listed.length} soonest are listed` : "";
  return {
    title: window === "week" ? "Your reviews this week" : "Your reviews in the next four weeks",
    subtitle: `${formatDateWithWeekday(range.asOf)} to ${formatDateWithWeekday(range.until)}: ${count}${cut}. Tap Brief before the review.`,
    reviews: listed.map((r) => ({
      childId: r.childId,
      displayName: displayName(r),
      school: r.school,
      when: formatDateWithWeekday(r.date),
      ...stateOf(r),
      pep: pepLine(r, range.asOf),
    })),
    more: notListedText(items.slice(listed.length)),
    tabUrl,
  };
}
