/**
 * When PEPs and care-plan reviews are due. Pure: dates, calendar and policy in.
 *
 * The model a Virtual School Head works to:
 * - The initial PEP is due `pepInitialWorkingDays` working days after the child became
 *   looked after. A PEP held in that many working days *before* then also counts
 *   (planned entry to care: the PEP may come first).
 * - After that, one PEP a term. The next PEP is owed for the term after the one the last
 *   completed PEP covered, and is due by that term's last school day, or earlier: if a
 *   care-plan review falls in that term, `pepBeforeReviewWorkingDays` working days before
 *   it, so the IRO has it, moved back to a school day if it falls in a half-term. The
 *   review pulls the date only inside the term: a review in the first days of term is
 *   served by the previous term's PEP.
 * - A PEP covers the term its record names when that name is a term in the calendar
 *   (case and spaces ignored); otherwise the term its meeting (or due) date falls in, a
 *   holiday counting towards the next term.
 * - A PEP counts once its meeting is held (held, submitted, returned, complete, quality
 *   assured); booked and draft PEPs do not. A booked meeting is shown, not counted.
 * - Reviews: a review dated today or earlier is held unless it is only booked
 *   (`plannedReviews`); a booked review that passed without being recorded held is not.
 * - No PEP is needed before the child is looked after or from their `pepMaxAge` birthday.
 */
import {
  addWorkingDays,
  type CompiledCalendar,
  type SchoolPeriod,
  schoolDayOnOrBefore,
  schoolDaysBetween,
  termAfter,
  termBounds,
  termOf,
} from "../calendar/school-days.js";
import { addDays, addMonths, type IsoDate, minDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";

/**
 * The PEP workflow: booked (a meeting date) → held (the meeting, its targets) → submitted
 * to the Virtual School → quality_assured, or returned for changes and submitted again.
 * not_started, draft and complete are states older records and ePEP exports carry.
 */
export const PEP_STATUSES = [
  "not_started",
  "booked",
  "draft",
  "held",
  "submitted",
  "returned",
  "complete",
  "quality_assured",
] as const;
export type PepState = (typeof PEP_STATUSES)[number];
export const PEP_RAGS = ["red", "amber", "green"] as const;
export type PepRag = (typeof PEP_RAGS)[number];

export type PepRecord = {
  /** The term the PEP is for, as named in the school calendar (e.g. "Autumn 2025"). */
  term: string;
  dueDate: IsoDate;
  meetingDate: IsoDate | null;
  status: PepState;
  /** Quality rating given by the Virtual School. */
  rag: PepRag | null;
  /** SMART targets agreed at the meeting, one per line. */
  targets?: string | null;
};

/** States in which the meeting has happened: each counts as held for due and overdue dates. */
export const HELD_STATES: ReadonlySet<PepState> = new Set([
  "held",
  "submitted",
  "returned",
  "complete",
  "quality_assured",
]);

/** The PEP meeting has been held (whatever its quality assurance says). */
export const isPepComplete = (pep: PepRecord): boolean => HELD_STATES.has(pep.status);

/** When the PEP was held: its meeting, or its due date when no meeting was recorded. */
export const pepHeldOn = (pep: PepRecord): IsoDate => pep.meetingDate ?? pep.dueDate;

/** Whole years of age on `date` (a 29 February birthday falls on 1 March in other years). */
export function ageOn(dateOfBirth: IsoDate, date: IsoDate): number {
  const years = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return date.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
}

/** Initial PEP: `pepInitialWorkingDays` working days after becoming looked after. */
export function initialPepDue(lookedAfterSince: IsoDate, bankHolidays: ReadonlySet<IsoDate>, policy: Policy): IsoDate {
  return addWorkingDays(lookedAfterSince, policy.pepInitialWorkingDays, bankHolidays);
}

/**
 * The next care-plan review's statutory due date: the first within `firstReviewWorkingDays`
 * working days of becoming looked after, the second within `secondReviewMonths` of the
 * first held, then `laterReviewMonths` after the last held. Reviews before the current
 * period of care are ignored.
 */
export function careReviewSchedule(
  lookedAfterSince: IsoDate,
  pastReviewDates: readonly IsoDate[],
  bankHolidays: ReadonlySet<IsoDate>,
  policy: Policy,
): IsoDate {
  const held = pastReviewDates.filter((d) => d >= lookedAfterSince).sort();
  const last = held[held.length - 1];
  if (last === undefined) return addWorkingDays(lookedAfterSince, policy.firstReviewWorkingDays, bankHolidays);
  return addMonths(last, held.length === 1 ? policy.secondReviewMonths : policy.laterReviewMonths);
}

/**
 * The termly PEP's due date for `term`: its last school day, or `pepBeforeReviewWorkingDays`
 * working days before `reviewDate` when that review falls in the term. A date in a
 * half-term moves back to the last school day before it (the school is shut, and due-soon
 * counts school days); a date before the term's first school day is dropped.
 */
export function termlyPepDue(
  cal: CompiledCalendar,
  term: SchoolPeriod,
  reviewDate: IsoDate | null,
  bankHolidays: ReadonlySet<IsoDate>,
  policy: Policy,
): IsoDate {
  const { firstSchoolDay, lastSchoolDay } = termBounds(cal, term);
  const endOfTerm = lastSchoolDay ?? term.end;
  if (reviewDate === null || reviewDate < term.start || reviewDate > term.end) return endOfTerm;
  const forReview = addWorkingDays(reviewDate, -policy.pepBeforeReviewWorkingDays, bankHolidays);
  const lastChance = schoolDayOnOrBefore(cal, forReview) ?? forReview;
  if (lastChance < (firstSchoolDay ?? term.start)) return endOfTerm;
  return minDate(lastChance, endOfTerm);
}

const sameName = (a: string, b: string): boolean =>
  a.trim().toLowerCase().replace(/\s+/g, " ") === b.trim().toLowerCase().replace(/\s+/g, " ");

/** The calendar term a PEP covers (see the file comment), or null outside the calendar data. */
export function pepTermOf(cal: CompiledCalendar, pep: PepRecord): SchoolPeriod | null {
  return cal.terms.find((t) => sameName(t.name, pep.term)) ?? termOf(cal, pepHeldOn(pep));
}

/** Care-plan review rows as stored → the dates `pepStatus` takes (held, and booked). */
export function reviewDates(rows: readonly { date: IsoDate; status: string }[]): {
  reviews: IsoDate[];
  plannedReviews: IsoDate[];
} {
  return {
    reviews: rows.filter((r) => r.status !== "planned").map((r) => r.date),
    plannedReviews: rows.filter((r) => r.status === "planned").map((r) => r.date),
  };
}

export type PepStatusInput = {
  /** The start of care the duty counts from; null when not in the cohort (see core/children/care.ts dutySince). */
  lookedAfterSince: IsoDate | null;
  /** False when care began before the records: no initial-PEP deadline is invented from the start. */
  careStartKnown?: boolean;
  /** Enables the `pepMaxAge` cut-off; unknown means PEPs are still required. */
  dateOfBirth?: IsoDate | null;
  peps: readonly PepRecord[];
  /** Care-plan reviews held (a date after today here is treated as booked). */
  reviews: readonly IsoDate[];
  /** Care-plan reviews booked and not yet recorded as held. */
  plannedReviews?: readonly IsoDate[];
  today: IsoDate;
  calendar: CompiledCalendar;
  bankHolidays: ReadonlySet<IsoDate>;
  policy: Policy;
};

export type PepStatus = {
  /** Looked after and under `pepMaxAge`: a PEP is a statutory duty. */
  required: boolean;
  initialPep: { due: IsoDate; done: boolean; heldOn: IsoDate | null } | null;
  /** A completed PEP covers the current term (or the initial PEP is done and still in its window). */
  current: boolean;
  lastCompleted: PepRecord | null;
  /** The next PEP owed: null when none is required or the calendar data ends first. */
  nextDue: IsoDate | null;
  /** "initial", or the name of the term the next PEP is for. */
  nextDueFor: string | null;
  overdue: boolean;
  /** School days since `nextDue` (0 in the holidays straight after it). */
  daysOverdue: number;
  /** Not overdue and due within `pepDueSoonSchoolDays` school days. */
  dueSoon: boolean;
  /** Statutory due date of the next care-plan review. */
  nextReviewDue: IsoDate | null;
  /** The next review already booked, if any. */
  nextReviewPlanned: IsoDate | null;
  /** The IRO should have the current PEP by this date (before the earlier of the two above). */
  pepNeededForReviewBy: IsoDate | null;
  /**
   * The statutory date of the next review has passed with no review held since. A child
   * with no review on record at all, in care longer than a review cycle past the first
   * review, is a gap in the data (an SSDA903 import without its reviews file), not an
   * overdue review: it is not counted, or every such child would bury the real ones.
   */
  reviewOverdue: boolean;
  /** The meeting date of the PEP booked and not yet held, if any (the latest booked). */
  booked: IsoDate | null;
};

/** A fresh object each time, so no caller can change another caller's answer. */
const notRequired = (): PepStatus => ({
  required: false,
  initialPep: null,
  current: false,
  lastCompleted: null,
  nextDue: null,
  nextDueFor: null,
  overdue: false,
  daysOverdue: 0,
  dueSoon: false,
  nextReviewDue: null,
  nextReviewPlanned: null,
  pepNeededForReviewBy: null,
  reviewOverdue: false,
  booked: null,
});

/** Where a looked-after child's PEP stands on `today`. */
export function pepStatus(input: PepStatusInput): PepStatus {
  const { lookedAfterSince: since, today, calendar: cal, bankHolidays, policy } = input;
  if (since === null || since > today) return notRequired();
  if (input.dateOfBirth && ageOn(input.dateOfBirth, today) >= policy.pepMaxAge) return notRequired();

  const reviews = input.reviews.filter((d) => d >= since);
  const held = reviews.filter((d) => d <= today);
  const nextReviewDue = careReviewSchedule(since, held, bankHolidays, policy);
  const booked = [...reviews.filter((d) => d > today), ...(input.plannedReviews ?? []).filter((d) => d >= today)];
  const nextReviewPlanned = booked.sort()[0] ?? null;
  const nextReview = nextReviewPlanned ? minDate(nextReviewPlanned, nextReviewDue) : nextReviewDue;
  const allReviews = [...held, ...booked, nextReviewDue].sort();

  const initialDue = initialPepDue(since, bankHolidays, policy);
  const countsFrom = addWorkingDays(since, -policy.pepInitialWorkingDays, bankHolidays);
  const completed = input.peps
    .filter((p) => isPepComplete(p) && pepHeldOn(p) >= countsFrom)
    .sort((a, b) => (pepHeldOn(a) < pepHeldOn(b) ? -1 : pepHeldOn(a) > pepHeldOn(b) ? 1 : 0));
  const first = completed[0] ?? null;
  const lastCompleted = completed[completed.length - 1] ?? null;

  const coveredTerm = lastCompleted ? pepTermOf(cal, lastCompleted) : null;
  const owedTerm = coveredTerm ? termAfter(cal, coveredTerm) : null;
  const nextDue = !lastCompleted
    ? initialDue
    : owedTerm
      ? termlyPepDue(cal, owedTerm, firstReviewIn(owedTerm, allReviews), bankHolidays, policy)
      : null;

  const todayTerm = termOf(cal, today);
  const initialInWindow = first !== null && today <= initialDue;
  const overdue = nextDue !== null && today > nextDue;
  return {
    required: true,
    initialPep: { due: initialDue, done: first !== null, heldOn: first ? pepHeldOn(first) : null },
    current: initialInWindow || (coveredTerm !== null && todayTerm !== null && coveredTerm.start >= todayTerm.start),
    lastCompleted,
    nextDue,
    nextDueFor: !lastCompleted ? "initial" : (owedTerm?.name ?? null),
    overdue,
    daysOverdue: overdue && nextDue ? schoolDaysBetween(cal, addDays(nextDue, 1), today) : 0,
    dueSoon:
      !overdue && nextDue !== null && schoolDaysBetween(cal, addDays(today, 1), nextDue) <= policy.pepDueSoonSchoolDays,
    nextReviewDue,
    nextReviewPlanned,
    pepNeededForReviewBy: addWorkingDays(nextReview, -policy.pepBeforeReviewWorkingDays, bankHolidays),
    reviewOverdue:
      today > nextReviewDue &&
      (held.length > 0 || booked.length > 0 || addMonths(nextReviewDue, policy.laterReviewMonths) >= today),
    booked:
      input.peps
        .filter((p) => p.status === "booked" && p.meetingDate !== null)
        .map((p) => p.meetingDate as IsoDate)
        .sort()
        .pop() ?? null,
  };
}

function firstReviewIn(term: SchoolPeriod, sortedReviews: readonly IsoDate[]): IsoDate | null {
  return sortedReviews.find((d) => d >= term.start && d <= term.end) ?? null;
}
