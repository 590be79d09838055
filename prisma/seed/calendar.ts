/**
 * The demo's term dates, computed from the rules English authorities typically follow,
 * so the demo works for any `today` without a table of real dates. At run time the
 * calendar is data (SchoolCalendar rows): these rules only write it.
 *
 * Neighbouring authorities set their own dates: two of the out-of-area authorities the
 * demo's schools sit in have theirs loaded, each differing from the home authority's the
 * way real ones do (an earlier October half-term, a later start, other INSET days), and
 * the third has none, so the product's fallback to the home authority's dates shows.
 */
import { easterSunday, englandBankHolidays } from "../../core/calendar/bank-holidays.js";
import type { SchoolCalendar, SchoolPeriod } from "../../core/calendar/school-days.js";
import { addDays, dayOfWeek, type IsoDate, isWeekend } from "../../core/platform/dates.js";
import { neighbouringAuthorities } from "./schools.js";

/** A SchoolCalendar row as written to the database. */
export type CalendarRow = {
  laCode: string;
  kind: "term" | "closure";
  name: string;
  startDate: IsoDate;
  endDate: IsoDate;
};

const weekdayOnOrAfter = (date: IsoDate): IsoDate => {
  let day = date;
  while (isWeekend(day)) day = addDays(day, 1);
  return day;
};

/** The first `weekday` (0 = Sunday) on or after `date`. */
const nextWeekday = (date: IsoDate, weekday: number): IsoDate => addDays(date, (weekday - dayOfWeek(date) + 7) % 7);

/** The last `weekday` on or before `date`. */
const lastWeekday = (date: IsoDate, weekday: number): IsoDate => addDays(date, -((dayOfWeek(date) - weekday + 7) % 7));

const MONDAY = 1;
const FRIDAY = 5;
const week = (name: string, monday: IsoDate): SchoolPeriod => ({ name, start: monday, end: addDays(monday, 4) });

/** How an authority's term dates differ from the usual rules below (none: the home authority's). */
export type TermDateVariant = {
  /** The autumn term starts this many weekdays later. */
  autumnStartsLater?: number;
  /** The October half-term comes this many weeks earlier. */
  octoberHalfTermWeeksEarlier?: number;
  /** The spring INSET day is the Monday after the February half-term, not the first day of term. */
  springInsetAfterHalfTerm?: boolean;
  /** One more INSET day: the Friday before the October half-term. */
  insetBeforeOctoberHalfTerm?: boolean;
};

/** The authorities whose term dates the demo loads, and how each differs from the usual rules. */
export function demoTermDates(homeLaCode: string): { laCode: string; variant: TermDateVariant }[] {
  const [first, second] = neighbouringAuthorities(homeLaCode);
  return [
    { laCode: homeLaCode, variant: {} },
    ...(first ? [{ laCode: first, variant: { octoberHalfTermWeeksEarlier: 1, springInsetAfterHalfTerm: true } }] : []),
    ...(second ? [{ laCode: second, variant: { autumnStartsLater: 1, insetBeforeOctoberHalfTerm: true } }] : []),
  ];
}

/**
 * Terms and closures of school year `startYear` (September `startYear` to July
 * `startYear + 1`). Term names are the PEP term keys ("2026-autumn") in every variant, so
 * a PEP names its term exactly (core/peps/pep.rules.ts matches PEP terms to calendar
 * terms by name) whichever authority's school the child attends.
 */
export function demoCalendar(startYear: number, variant: TermDateVariant = {}): SchoolCalendar {
  const next = startYear + 1;
  const easter = easterSunday(next);

  // Autumn: from the first weekday on or after 2 September (an INSET day), to the Friday
  // before the week of Christmas; half-term is the last Monday–Friday wholly in October.
  let autumnStart = weekdayOnOrAfter(`${startYear}-09-02`);
  for (let n = 0; n < (variant.autumnStartsLater ?? 0); n++) autumnStart = weekdayOnOrAfter(addDays(autumnStart, 1));
  const christmasMonday = lastWeekday(`${startYear}-12-25`, MONDAY);
  const autumnEnd = addDays(christmasMonday, -3);
  const octoberHalfTerm = addDays(
    lastWeekday(`${startYear}-10-31`, FRIDAY),
    -4 - 7 * (variant.octoberHalfTermWeeksEarlier ?? 0),
  );

  // Spring: from the first weekday on or after 4 January (never a New Year bank holiday:
  // those fall by 3 January), half-term the week from the Monday on or after 13 February,
  // ending the Friday a week before Good Friday: two weeks of Easter holidays follow.
  const springStart = weekdayOnOrAfter(`${next}-01-04`);
  const febHalfTerm = nextWeekday(`${next}-02-13`, MONDAY);
  const springEnd = addDays(easter, -9);

  // Summer: the Monday after Easter Monday, to the weekday on or before 22 July (a
  // Monday finish is pulled back to the Friday); half-term is the late-May bank holiday week.
  const summerStart = addDays(easter, 8);
  let summerEnd = weekdayBefore(`${next}-07-22`);
  if (dayOfWeek(summerEnd) === MONDAY) summerEnd = addDays(summerEnd, -3);
  const mayHalfTerm = lastWeekday(`${next}-05-31`, MONDAY);

  const terms: SchoolPeriod[] = [
    { name: `${startYear}-autumn`, start: autumnStart, end: autumnEnd },
    { name: `${startYear}-spring`, start: springStart, end: springEnd },
    { name: `${startYear}-summer`, start: summerStart, end: summerEnd },
  ];
  const springInset = variant.springInsetAfterHalfTerm ? addDays(febHalfTerm, 7) : springStart;
  const extraInset = variant.insetBeforeOctoberHalfTerm ? [addDays(octoberHalfTerm, -3)] : [];
  const closures: SchoolPeriod[] = [
    { name: "INSET day", start: autumnStart, end: autumnStart },
    ...extraInset.map((day) => ({ name: "INSET day", start: day, end: day })),
    week("October half-term", octoberHalfTerm),
    { name: "INSET day", start: springInset, end: springInset },
    week("February half-term", febHalfTerm),
    week("May half-term", mayHalfTerm),
  ];
  return { terms, closures: [...closures, ...bankHolidaysInTerm(terms, closures)] };
}

/** The weekday on or before `date` (Friday for a weekend). */
function weekdayBefore(date: IsoDate): IsoDate {
  let day = date;
  while (isWeekend(day)) day = addDays(day, -1);
  return day;
}

/** Bank holidays that land in term time and no other closure (early May, one-offs). */
function bankHolidaysInTerm(terms: readonly SchoolPeriod[], closures: readonly SchoolPeriod[]): SchoolPeriod[] {
  const years = new Set(terms.flatMap((t) => [Number(t.start.slice(0, 4)), Number(t.end.slice(0, 4))]));
  const inside = (day: IsoDate, periods: readonly SchoolPeriod[]) =>
    periods.some((p) => p.start <= day && day <= p.end);
  return [...years]
    .flatMap(englandBankHolidays)
    .filter((day) => inside(day, terms) && !inside(day, closures) && !isWeekend(day))
    .map((day) => ({ name: "Bank holiday", start: day, end: day }));
}

/** The demo calendar of school year `schoolYearStart` as SchoolCalendar rows for `laCode`. */
export function demoCalendarRows(
  schoolYearStart: number,
  laCode: string,
  variant: TermDateVariant = {},
): CalendarRow[] {
  const { terms, closures } = demoCalendar(schoolYearStart, variant);
  const row =
    (kind: CalendarRow["kind"]) =>
    (p: SchoolPeriod): CalendarRow => ({ laCode, kind, name: p.name, startDate: p.start, endDate: p.end });
  return [...terms.map(row("term")), ...closures.map(row("closure"))].sort((a, b) =>
    a.startDate === b.startDate ? a.kind.localeCompare(b.kind) : a.startDate < b.startDate ? -1 : 1,
  );
}
