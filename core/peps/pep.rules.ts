/**
 * When PEPs and care-plan reviews are due, and whether a child's PEP is in date. Pure:
 * dates, calendar and policy in. The timing of a termly PEP (which term a PEP covers,
 * the review pulling its date, the carry-over window) is in pep.terms.ts; when the duty
 * starts and the initial PEP's own deadline in pep.initial.ts.
 *
 * The model a Virtual School Head works to:
 * - No PEP is needed before the child is looked after, below `pepMinAge` or from the
 *   `pepMaxAge` birthday. Care-plan reviews are still tracked below `pepMinAge`: they are
 *   the care plan's, not the PEP's.
 * - The initial PEP is due `pepInitialWorkingDays` working days after the duty starts
 *   (pep.initial.ts). After that, one PEP a term: the next PEP is owed for the term after
 *   the one the last PEP held covered, due by that term's last school day or before a
 *   care-plan review in it (pep.terms.ts).
 * - A PEP counts once its meeting is held (held, submitted, returned, complete, quality
 *   assured); booked and draft PEPs do not. A booked meeting is shown, not counted.
 * - "In date", the Virtual School's headline measure: the PEP for the current term is
 *   held (in a holiday, the term ahead); or the one owed is this term's, its due date has
 *   not passed and the previous PEP was held on time; or the child is new to care and the
 *   initial PEP is not yet due. It does not fall on the first day of a term.
 * - Care begun before the records (`careStartKnown` false) and no PEP on record: no
 *   initial deadline; the PEP owed is the termly PEP of the term the known care began in
 *   (a holiday counts to the term ahead, a date before the calendar data to its first
 *   term), which is the current term's when the records begin this term. Anchored there,
 *   a term that ends without a PEP stays owed (overdue) rather than rolling on to the next
 *   term for ever. Such a child is not in date until a PEP is held: nothing shows one.
 * - Reviews: a review dated today or earlier is held unless it is only booked
 *   (`plannedReviews`); a booked review that passed without being recorded held is not.
 */
import {
  addWorkingDays,
  type CompiledCalendar,
  type SchoolPeriod,
  schoolDaysBetween,
  termOf,
} from "../calendar/school-days.js";
import { addDays, addMonths, type IsoDate, minDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import {
  countsFromDate,
  type InitialPep,
  initialPepDue,
  initialPepJudgement,
  initialRecordOf,
  pepDutyStart,
} from "./pep.initial.js";
import { ageOn, byHeldOn, isPepComplete, type PepRecord, pepHeldOn } from "./pep.record.js";
import { heldOnTime, pepTermOf, reviewServedBy, termlyPepDueFor, termOwedAfter } from "./pep.terms.js";

export { initialPepDue } from "./pep.initial.js";
export {
  ageOn,
  HELD_STATES,
  isPepComplete,
  PEP_RAGS,
  PEP_STATUSES,
  type PepRag,
  type PepRecord,
  type PepState,
  pepHeldOn,
} from "./pep.record.js";
export { pepTermOf, termlyPepDue } from "./pep.terms.js";

/**
 * The next care-plan review's statutory due date: the first within `firstReviewWorkingDays`
 * working days of becoming looked after, the second within `secondReviewMonths` of the
 * first held, then `laterReviewMonths` after the last held. Reviews before the current
 * period of care are ignored. When care began before the records (`startKnown` false) no
 * first-review deadline is invented from the start (null until a review is on record),
 * and the first review on record need not be the child's first: the next is
 * `laterReviewMonths` after the last.
 */
export function careReviewSchedule(
  lookedAfterSince: IsoDate,
  pastReviewDates: readonly IsoDate[],
  bankHolidays: ReadonlySet<IsoDate>,
  policy: Policy,
  startKnown = true,
): IsoDate | null {
  const held = pastReviewDates.filter((d) => !startKnown || d >= lookedAfterSince).sort();
  const last = held[held.length - 1];
  if (last === undefined)
    return startKnown ? addWorkingDays(lookedAfterSince, policy.firstReviewWorkingDays, bankHolidays) : null;
  return addMonths(last, held.length === 1 && startKnown ? policy.secondReviewMonths : policy.laterReviewMonths);
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
  /** Enables the `pepMinAge` and `pepMaxAge` limits; unknown means PEPs are required. */
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
  /** Looked after, at least `pepMinAge` and under `pepMaxAge`: a PEP is a statutory duty. */
  required: boolean;
  /** The initial PEP against its own deadline; null when no deadline is known (see pep.initial.ts). */
  initialPep: InitialPep | null;
  /** A completed PEP covers the current term (or the initial PEP is done and still in its window). */
  current: boolean;
  /** The Virtual School's "PEP in date" (see the file comment): the one judgement the card, caseload and figures use. */
  inDate: boolean;
  /** Why a child who needs a PEP is not in date (see NotInDate); null when in date or no PEP is required. */
  notInDateBecause: NotInDate | null;
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
  /** Statutory due date of the next care-plan review (null when care began before the records and none is on record). */
  nextReviewDue: IsoDate | null;
  /** The next review already booked, if any. */
  nextReviewPlanned: IsoDate | null;
  /**
   * The IRO should have a new PEP by this date (`pepBeforeReviewWorkingDays` working days
   * before the earlier of the two above); null when the PEP already held serves that review
   * (pep.terms.ts reviewServedBy). The pep_before_review alert reads this and nothing else.
   */
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

/**
 * Why a child who needs a PEP is not in date: the PEP owed is overdue; no PEP is on record
 * in this period of care (care begun before the records); the last PEP was held late (the
 * one owed now is not yet due); or today is outside the loaded term dates, so no term's
 * PEP can be owed or shown held.
 */
export type NotInDate = "overdue" | "none_on_record" | "last_held_late" | "no_term_dates";

function notInDate(overdue: boolean, last: PepRecord | null, lastOnTime: boolean): NotInDate {
  if (overdue) return "overdue";
  if (last === null) return "none_on_record";
  return lastOnTime ? "no_term_dates" : "last_held_late";
}

/** A fresh object each time, so no caller can change another caller's answer. */
const notRequired = (): PepStatus => ({
  required: false,
  initialPep: null,
  current: false,
  inDate: false,
  notInDateBecause: null,
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

/** The review the IRO needs the PEP for: the earlier of the next booked and the statutory date. */
export function reviewForPep(p: Pick<PepStatus, "nextReviewDue" | "nextReviewPlanned">): IsoDate | null {
  const { nextReviewDue: due, nextReviewPlanned: planned } = p;
  return planned && due ? minDate(planned, due) : (planned ?? due);
}

/**
 * The care-plan reviews as the PEP rules need them: the next statutory date, the next
 * booked, the earlier of the two (the review the IRO needs the PEP for), whether the
 * statutory date is overdue, and every date that may pull a termly PEP's due date.
 */
function reviewTiming(input: PepStatusInput, since: IsoDate, startKnown: boolean) {
  const { today, bankHolidays, policy } = input;
  const reviews = input.reviews.filter((d) => !startKnown || d >= since);
  const held = reviews.filter((d) => d <= today);
  const nextReviewDue = careReviewSchedule(since, held, bankHolidays, policy, startKnown);
  const booked = [...reviews.filter((d) => d > today), ...(input.plannedReviews ?? []).filter((d) => d >= today)];
  const nextReviewPlanned = booked.sort()[0] ?? null;
  const reviewOverdue =
    nextReviewDue !== null &&
    today > nextReviewDue &&
    (held.length > 0 || booked.length > 0 || addMonths(nextReviewDue, policy.laterReviewMonths) >= today);
  return {
    nextReviewDue,
    nextReviewPlanned,
    nextReview: reviewForPep({ nextReviewDue, nextReviewPlanned }),
    reviewOverdue,
    all: nextReviewDue ? [...held, ...booked, nextReviewDue] : [...held, ...booked],
  };
}

/** Where a looked-after child's PEP stands on `today`. */
export function pepStatus(input: PepStatusInput): PepStatus {
  const { lookedAfterSince: since, today, calendar: cal, bankHolidays, policy } = input;
  const dob = input.dateOfBirth ?? null;
  if (since === null || since > today) return notRequired();
  if (dob && ageOn(dob, today) >= policy.pepMaxAge) return notRequired();
  const startKnown = input.careStartKnown ?? true;
  const {
    nextReviewDue,
    nextReviewPlanned,
    nextReview,
    reviewOverdue,
    all: allReviews,
  } = reviewTiming(input, since, startKnown);
  if (dob && ageOn(dob, today) < policy.pepMinAge)
    return { ...notRequired(), nextReviewDue, nextReviewPlanned, reviewOverdue };

  const duty = pepDutyStart(since, startKnown, dob, policy);
  const initialDue = duty.known ? initialPepDue(duty.from, bankHolidays, policy) : null;
  const countsFrom = duty.known ? countsFromDate(duty.from, bankHolidays, policy) : null;
  const completed = input.peps
    .filter((p) => isPepComplete(p) && (countsFrom === null || pepHeldOn(p) >= countsFrom))
    .sort(byHeldOn);
  const lastCompleted = completed[completed.length - 1] ?? null;
  const initialRecord = initialRecordOf(cal, completed, initialDue);
  const initialPep = initialDue === null ? null : initialPepJudgement(initialDue, initialRecord, today, bankHolidays);

  // The PEP owed: the initial one, the term after the last PEP's, or (start unknown, none
  // on record) the termly PEP of the term the known care began in: this term's when the
  // records begin this term, and still owed once that term has ended without one.
  const todayTerm = termOf(cal, today);
  const covered = lastCompleted ? pepTermOf(cal, lastCompleted) : null;
  const owesInitial = lastCompleted === null && initialDue !== null;
  const owedTerm = lastCompleted ? termOwedAfter(cal, lastCompleted, covered) : owesInitial ? null : termOf(cal, since);
  const termlyDue = (term: SchoolPeriod) => termlyPepDueFor(cal, term, allReviews, bankHolidays, policy);
  const nextDue = owesInitial ? initialDue : owedTerm ? termlyDue(owedTerm) : null;
  const overdue = nextDue !== null && today > nextDue;

  const current =
    (initialPep?.done === true && today <= initialPep.due) ||
    (covered !== null && todayTerm !== null && covered.start >= todayTerm.start);
  const lastOnTime =
    lastCompleted !== null &&
    (lastCompleted === initialRecord
      ? initialPep?.onTime === true
      : covered !== null && heldOnTime(cal, lastCompleted, covered, termlyDue(covered)));
  const owedThisTerm = owedTerm !== null && todayTerm !== null && owedTerm.start === todayTerm.start;
  const served =
    lastCompleted !== null && nextReview !== null && reviewServedBy(cal, covered, nextReview, bankHolidays, policy);
  const inDate = current || (owesInitial && !overdue) || (owedThisTerm && !overdue && lastOnTime);
  return {
    required: true,
    initialPep,
    current,
    inDate,
    notInDateBecause: inDate ? null : notInDate(overdue, lastCompleted, lastOnTime),
    lastCompleted,
    nextDue,
    nextDueFor: owesInitial ? "initial" : (owedTerm?.name ?? null),
    overdue,
    daysOverdue: overdue && nextDue ? schoolDaysBetween(cal, addDays(nextDue, 1), today) : 0,
    dueSoon:
      !overdue && nextDue !== null && schoolDaysBetween(cal, addDays(today, 1), nextDue) <= policy.pepDueSoonSchoolDays,
    nextReviewDue,
    nextReviewPlanned,
    pepNeededForReviewBy:
      nextReview === null || served
        ? null
        : addWorkingDays(nextReview, -policy.pepBeforeReviewWorkingDays, bankHolidays),
    reviewOverdue,
    booked:
      input.peps
        .filter((p) => p.status === "booked" && p.meetingDate !== null)
        .map((p) => p.meetingDate as IsoDate)
        .sort()
        .pop() ?? null,
  };
}
