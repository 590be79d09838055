/**
 * School days and working days.
 *
 * A school day is a calendar fact from data, not "a weekday": term and holiday dates differ
 * by authority and by academy. A `SchoolCalendar` is that data (terms, plus closures inside
 * them: half-terms, INSET days, bank holidays). A day is a school day when it lies inside a
 * term, is Monday–Friday and is in no closure.
 *
 * API: compile once, then ask. `compileCalendar(cal)` lists every school day in order with
 * a date → position map, so that
 *   - `isSchoolDay` is O(1),
 *   - `schoolDaysBetween`, `schoolDaysInRange`, `addSchoolDays` are O(log n) (binary search),
 *   - `termOf` scans the handful of terms,
 * which matters for the nightly scan of 10,000 children against one calendar. Every
 * school-day function takes the `CompiledCalendar`, so the type system makes callers
 * compile once per request or per scan rather than once per question.
 *
 * Outside the calendar data nothing is a school day: counts stop at its edges and
 * `addSchoolDays` returns null when it would run off them. Load at least the previous,
 * current and next school years.
 *
 * Working days (Monday–Friday, not a bank holiday) are for the statutory deadlines counted
 * in working days (initial PEP, first care-plan review); they need no calendar data.
 */
import { z } from "zod";
import { eachDay, type IsoDate, isIsoDate, isoDateSchema, isWeekend } from "../platform/dates.js";

/** A named span of dates, both ends included: a term, a half-term, an INSET day. */
export type SchoolPeriod = { name: string; start: IsoDate; end: IsoDate };

/** An authority's (or an academy's) term dates, as data. */
export type SchoolCalendar = { terms: SchoolPeriod[]; closures: SchoolPeriod[] };

/** A calendar ready for fast questions; build it with `compileCalendar`. */
export type CompiledCalendar = {
  /** Terms sorted by start date. */
  readonly terms: readonly SchoolPeriod[];
  /** Every school day, ascending. */
  readonly schoolDays: readonly IsoDate[];
  /** Position of each school day in `schoolDays`. */
  readonly dayIndex: ReadonlyMap<IsoDate, number>;
};

const periodSchema = z
  .object({ name: z.string().min(1), start: isoDateSchema, end: isoDateSchema })
  .refine((p) => p.start <= p.end, { message: "a period must not end before it starts", path: ["end"] });

/** zod schema for calendar data arriving from an import or a settings screen. */
export const schoolCalendarSchema = z.object({ terms: z.array(periodSchema), closures: z.array(periodSchema) });

/** Lists the school days of `cal`. Overlapping terms or closures are harmless. */
export function compileCalendar(cal: SchoolCalendar): CompiledCalendar {
  const closed = new Set<IsoDate>();
  for (const closure of cal.closures) for (const day of eachDay(closure.start, closure.end)) closed.add(day);
  const open = new Set<IsoDate>();
  for (const term of cal.terms) {
    for (const day of eachDay(term.start, term.end)) if (!isWeekend(day) && !closed.has(day)) open.add(day);
  }
  const schoolDays = [...open].sort();
  const terms = [...cal.terms].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return { terms, schoolDays, dayIndex: new Map(schoolDays.map((day, i) => [day, i])) };
}

/** Lets callers hold either form: compiles raw data, passes a compiled calendar through. */
export function asCompiledCalendar(cal: SchoolCalendar | CompiledCalendar): CompiledCalendar {
  return "schoolDays" in cal ? cal : compileCalendar(cal);
}

/**
 * How many school days come before `date` (strictly before, or also on it when
 * `inclusive`): a binary search, so counts never walk day by day.
 */
function countBefore(cal: CompiledCalendar, date: IsoDate, inclusive = false): number {
  const days = cal.schoolDays;
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const day = days[mid] as IsoDate;
    if (day < date || (inclusive && day === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function isSchoolDay(cal: CompiledCalendar, date: IsoDate): boolean {
  return cal.dayIndex.has(date);
}

/** Number of school days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function schoolDaysBetween(cal: CompiledCalendar, from: IsoDate, to: IsoDate): number {
  if (to < from) return 0;
  return countBefore(cal, to, true) - countBefore(cal, from);
}

/** The school days from `from` to `to`, both included, ascending. */
export function schoolDaysInRange(cal: CompiledCalendar, from: IsoDate, to: IsoDate): IsoDate[] {
  if (to < from) return [];
  return cal.schoolDays.slice(countBefore(cal, from), countBefore(cal, to, true));
}

/**
 * The date `n` school days after `date` (before it when `n` is negative). Counting starts
 * from the next school day, so 1 school day after a Friday is the Monday and 1 after a
 * Saturday is also the Monday. `n = 0` gives `date` itself when it is a school day, else
 * the next one. Null when the answer lies outside the calendar data.
 */
export function addSchoolDays(cal: CompiledCalendar, date: IsoDate, n: number): IsoDate | null {
  const at = cal.dayIndex.get(date);
  let target: number;
  if (at !== undefined) target = at + n;
  else {
    const next = countBefore(cal, date);
    target = n > 0 ? next + n - 1 : next + n;
  }
  return cal.schoolDays[target] ?? null;
}

/** The first school day strictly after `date`, or null past the calendar data. */
export const nextSchoolDay = (cal: CompiledCalendar, date: IsoDate): IsoDate | null => addSchoolDays(cal, date, 1);

/** The last school day strictly before `date`, or null before the calendar data. */
export const previousSchoolDay = (cal: CompiledCalendar, date: IsoDate): IsoDate | null => addSchoolDays(cal, date, -1);

/** `date` when it is a school day, else the last school day before it. */
export function schoolDayOnOrBefore(cal: CompiledCalendar, date: IsoDate): IsoDate | null {
  return isSchoolDay(cal, date) ? date : previousSchoolDay(cal, date);
}

/**
 * The term a date belongs to: the term containing it, or, in a holiday, the term that
 * comes next (the summer holiday belongs to the autumn term ahead). Null after the last term.
 */
export function termOf(cal: CompiledCalendar, date: IsoDate): SchoolPeriod | null {
  return cal.terms.find((term) => date <= term.end) ?? null;
}

/** The term after `term` in the calendar data, or null. */
export function termAfter(cal: CompiledCalendar, term: SchoolPeriod): SchoolPeriod | null {
  return cal.terms.find((t) => t.start > term.end) ?? null;
}

/** A term with its first and last school days (null when closures fill the whole term). */
export type TermBounds = {
  term: SchoolPeriod;
  firstSchoolDay: IsoDate | null;
  lastSchoolDay: IsoDate | null;
};

/** The bounds of `termOf(date)`: the current term, or the next one during a holiday. */
export function currentTermBounds(cal: CompiledCalendar, date: IsoDate): TermBounds | null {
  const term = termOf(cal, date);
  return term ? termBounds(cal, term) : null;
}

/** First and last school days of a term. */
export function termBounds(cal: CompiledCalendar, term: SchoolPeriod): TermBounds {
  const days = schoolDaysInRange(cal, term.start, term.end);
  return { term, firstSchoolDay: days[0] ?? null, lastSchoolDay: days[days.length - 1] ?? null };
}

/** A working day is Monday–Friday and not a bank holiday (school holidays do not matter). */
export function isWorkingDay(date: IsoDate, bankHolidays: ReadonlySet<IsoDate>): boolean {
  return !isWeekend(date) && !bankHolidays.has(date);
}

const DAY_MS = 86_400_000;

/**
 * The date `n` working days after `date` (before it when negative), counted like
 * `addSchoolDays`: 10 working days after a Friday is the Friday two weeks later; 0 gives
 * `date` when it is a working day, else the next working day. Steps through whole days
 * rather than date strings because every PEP and review deadline calls it in the nightly scan.
 */
export function addWorkingDays(date: IsoDate, n: number, bankHolidays: ReadonlySet<IsoDate>): IsoDate {
  // A scan asks the same few hundred (date, n) of one holiday set for 10,000 children.
  let known = answered.get(bankHolidays);
  if (!known || known.size >= MAX_ANSWERS) {
    known = new Map();
    answered.set(bankHolidays, known);
  }
  const key = `${date}|${n}`;
  let answer = known.get(key);
  if (answer === undefined) {
    // Checked once per answer: a date remembered was a real date when it was first asked.
    if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
    answer = countWorkingDays(date, n, bankHolidays);
    known.set(key, answer);
  }
  return answer;
}

/** Answers of addWorkingDays (a pure function) per holiday set, while the set is in use. */
const answered = new WeakMap<ReadonlySet<IsoDate>, Map<string, IsoDate>>();
const MAX_ANSWERS = 20_000;

function countWorkingDays(date: IsoDate, n: number, bankHolidays: ReadonlySet<IsoDate>): IsoDate {
  // Whole days since 1970 throughout: a date string per step cost a scan's first pass a third of a second.
  const holidays = holidayDays(bankHolidays);
  const working = (day: number): boolean => {
    // 0 = Sunday: 1 January 1970 (day 0) was a Thursday.
    const weekday = (((day + 4) % 7) + 7) % 7;
    return weekday !== 0 && weekday !== 6 && !holidays.has(day);
  };
  let day = Date.parse(date) / DAY_MS;
  if (n === 0) {
    while (!working(day)) day++;
  } else {
    const step = n > 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      if (working(day)) left--;
    }
  }
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Each holiday set's dates as whole days since 1970, worked out once per set. */
const holidayDayNumbers = new WeakMap<ReadonlySet<IsoDate>, ReadonlySet<number>>();
function holidayDays(bankHolidays: ReadonlySet<IsoDate>): ReadonlySet<number> {
  let days = holidayDayNumbers.get(bankHolidays);
  if (!days) {
    days = new Set([...bankHolidays].map((date) => Date.parse(date) / DAY_MS));
    holidayDayNumbers.set(bankHolidays, days);
  }
  return days;
}
