/**
 * Which term a PEP covers, and when a termly PEP is due. Pure: calendar, dates and policy in.
 *
 * - A termly PEP is held in the term, with the school. A meeting in a school holiday
 *   covers the term before it (a PEP met in the summer holiday is summer's, held late), so
 *   it never stands in for the next term's. A meeting before the first loaded term covers
 *   a stand-in census term (pep.census.ts), judged by its own date: held on time when held
 *   in that term, and by the due date its record gives if that is earlier, so a 2019 PEP
 *   covers autumn 2019, not a calendar loaded from 2025. A meeting after the last loaded
 *   term covers none.
 * - A record that names a term (case and spaces ignored) covers that term when it was held
 *   in it or later (a late PEP keeps its name); a meeting held before the term it names
 *   started covers the term it was held in. A name that is no loaded term but a census
 *   term before the loaded calendar ("2024-summer") names that stand-in.
 * - The termly PEP is due by the term's last school day, or `pepBeforeReviewWorkingDays`
 *   working days before a care-plan review in the term, so the IRO has it; moved back to a
 *   school day if that falls in a half-term. The first `pepCarryOverSchoolDays` school
 *   days of a term are last term's PEP's: a review whose cut-off falls in them (or before
 *   the first school day) is served by that PEP, and neither pulls the date nor asks for a
 *   new PEP. So no termly due date falls inside the window, and a review one day later
 *   never asks for a PEP days earlier than the window lets last term's serve.
 */
import {
  addSchoolDays,
  addWorkingDays,
  type CompiledCalendar,
  type SchoolPeriod,
  schoolDayOnOrBefore,
  termAfter,
  termBounds,
} from "../calendar/school-days.js";
import { type IsoDate, minDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { beforeCalendar, censusTermNamed, standInTermAt, termAfterStandIn } from "./pep.census.js";
import { type PepRecord, pepHeldOn } from "./pep.record.js";

const sameName = (a: string, b: string): boolean =>
  a.trim().toLowerCase().replace(/\s+/g, " ") === b.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * The term a PEP meeting on `date` covers: the term containing it, or in a holiday between
 * two loaded terms the term before. Null outside the calendar data.
 */
export function pepTermAt(cal: CompiledCalendar, date: IsoDate): SchoolPeriod | null {
  const next = cal.terms.findIndex((t) => date <= t.end);
  if (next < 0) return null;
  const term = cal.terms[next] as SchoolPeriod;
  if (date >= term.start) return term;
  return cal.terms[next - 1] ?? null;
}

/** The calendar term a PEP's record names, if its name is one. */
export const namedTerm = (cal: CompiledCalendar, pep: PepRecord): SchoolPeriod | null =>
  cal.terms.find((t) => sameName(t.name, pep.term)) ?? null;

/** The census term before the loaded calendar a PEP's record names, if its name is one. */
function namedStandIn(cal: CompiledCalendar, pep: PepRecord): SchoolPeriod | null {
  const named = censusTermNamed(pep.term);
  return named && beforeCalendar(cal, named) ? named : null;
}

/** The term a PEP covers (see the file comment): loaded, a stand-in before the data, or null after it. */
export function pepTermOf(cal: CompiledCalendar, pep: PepRecord): SchoolPeriod | null {
  const heldOn = pepHeldOn(pep);
  const named = namedTerm(cal, pep) ?? namedStandIn(cal, pep);
  if (named && heldOn >= named.start) return named;
  return pepTermAt(cal, heldOn) ?? standInTermAt(cal, heldOn);
}

/** The term after `term`: in the calendar data, or after a stand-in (pep.census.ts). */
const nextTerm = (cal: CompiledCalendar, term: SchoolPeriod): SchoolPeriod | null =>
  beforeCalendar(cal, term) ? termAfterStandIn(cal, term) : termAfter(cal, term);

/**
 * The term whose PEP is owed after `pep`: the term after the one it covers. Null when the
 * data ends first (a PEP after the last loaded term covers none).
 */
export function termOwedAfter(
  cal: CompiledCalendar,
  pep: PepRecord,
  covered: SchoolPeriod | null,
): SchoolPeriod | null {
  if (covered) return nextTerm(cal, covered);
  const heldOn = pepHeldOn(pep);
  return cal.terms.find((t) => t.start > heldOn) ?? null;
}

/**
 * Whether `pep`, covering `term`, was held on time: by `dueByCalendar` (the date pepStatus
 * gives a loaded term), or for a stand-in by the term's end and by the due date its record
 * gives when that is earlier (the school's own deadline, where the record knows it).
 */
export function heldOnTime(cal: CompiledCalendar, pep: PepRecord, term: SchoolPeriod, dueByCalendar: IsoDate): boolean {
  const due = beforeCalendar(cal, term) ? minDate(term.end, pep.dueDate) : dueByCalendar;
  return pepHeldOn(pep) <= due;
}

/** The last day of `term`'s carry-over window: its `pepCarryOverSchoolDays`-th school day (the whole term if shorter). */
export function carryOverEnds(cal: CompiledCalendar, term: SchoolPeriod, policy: Policy): IsoDate {
  const { firstSchoolDay } = termBounds(cal, term);
  const last = firstSchoolDay ? addSchoolDays(cal, firstSchoolDay, policy.pepCarryOverSchoolDays - 1) : null;
  return last !== null && last <= term.end ? last : term.end;
}

/**
 * The date a review on `reviewDate` makes `term`'s PEP due by, or null when it does not
 * pull the date: outside the term, or with its cut-off (the school day by which the IRO
 * needs the PEP) inside the carry-over window or before it.
 */
export function reviewPepDeadline(
  cal: CompiledCalendar,
  term: SchoolPeriod,
  reviewDate: IsoDate,
  bankHolidays: ReadonlySet<IsoDate>,
  policy: Policy,
): IsoDate | null {
  if (reviewDate < term.start || reviewDate > term.end) return null;
  const forReview = addWorkingDays(reviewDate, -policy.pepBeforeReviewWorkingDays, bankHolidays);
  const lastChance = schoolDayOnOrBefore(cal, forReview) ?? forReview;
  return lastChance <= carryOverEnds(cal, term, policy) ? null : lastChance;
}

/** The termly PEP's due date for `term` with one review in view (see the file comment). */
export function termlyPepDue(
  cal: CompiledCalendar,
  term: SchoolPeriod,
  reviewDate: IsoDate | null,
  bankHolidays: ReadonlySet<IsoDate>,
  policy: Policy,
): IsoDate {
  const { lastSchoolDay } = termBounds(cal, term);
  const endOfTerm = lastSchoolDay ?? term.end;
  const forReview = reviewDate === null ? null : reviewPepDeadline(cal, term, reviewDate, bankHolidays, policy);
  return forReview === null ? endOfTerm : minDate(forReview, endOfTerm);
}

/** The termly PEP's due date for `term` given every review (held, booked, statutory): the first that pulls it. */
export function termlyPepDueFor(
  cal: CompiledCalendar,
  term: SchoolPeriod,
  reviews: readonly IsoDate[],
  bankHolidays: ReadonlySet<IsoDate>,
  policy: Policy,
): IsoDate {
  const pulling = [...reviews].sort().find((d) => reviewPepDeadline(cal, term, d, bankHolidays, policy) !== null);
  return termlyPepDue(cal, term, pulling ?? null, bankHolidays, policy);
}

/**
 * A review on `reviewDate` is served by the PEP that covers `covered`: it falls in that
 * term, in the holiday after it, or early enough in the next term (see reviewPepDeadline).
 * A review dated before that term (a statutory date already passed) is not.
 */
export function reviewServedBy(
  cal: CompiledCalendar,
  covered: SchoolPeriod | null,
  reviewDate: IsoDate,
  bankHolidays: ReadonlySet<IsoDate>,
  policy: Policy,
): boolean {
  if (covered === null || reviewDate < covered.start) return false;
  const next = nextTerm(cal, covered);
  if (next === null) return reviewDate <= covered.end;
  if (reviewDate < next.start) return true;
  // A stand-in has no school days to count a window in: its PEP is owed in full.
  if (beforeCalendar(cal, next)) return false;
  return reviewDate <= next.end && reviewPepDeadline(cal, next, reviewDate, bankHolidays, policy) === null;
}
