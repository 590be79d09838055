/**
 * Bank holidays in England and Wales, computed rather than fetched: working-day deadlines
 * (initial PEP, first care-plan review) must be reproducible offline and for any year.
 * The regular rules are the Banking and Financial Dealings Act 1971 pattern; the years
 * when a holiday was moved or added by proclamation are listed as data below.
 */
import { addDays, dayOfWeek, type IsoDate } from "../platform/dates.js";

const pad = (n: number): string => String(n).padStart(2, "0");
const iso = (year: number, month: number, day: number): IsoDate => `${year}-${pad(month)}-${pad(day)}`;

/**
 * Easter Sunday in the Gregorian calendar (the anonymous "computus", Meeus/Jones/Butcher).
 * Good Friday and Easter Monday, and the census spring/summer term boundary, hang off it.
 */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** The first Monday on or after `date`. */
function mondayOnOrAfter(date: IsoDate): IsoDate {
  return addDays(date, (8 - dayOfWeek(date)) % 7);
}

/** The last Monday on or before `date`. */
function mondayOnOrBefore(date: IsoDate): IsoDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** Years when the early May holiday was moved (VE Day anniversaries). */
const EARLY_MAY_MOVED: Readonly<Record<number, IsoDate>> = { 1995: "1995-05-08", 2020: "2020-05-08" };

/** Years when the spring holiday was moved for a royal jubilee. */
const SPRING_MOVED: Readonly<Record<number, IsoDate>> = {
  1977: "1977-06-06",
  2002: "2002-06-04",
  2012: "2012-06-04",
  2022: "2022-06-02",
};

/** One-off holidays by proclamation (jubilees, royal weddings, a funeral, a coronation). */
const ONE_OFF: readonly IsoDate[] = [
  "1977-06-07",
  "1981-07-29",
  "1999-12-31",
  "2002-06-03",
  "2011-04-29",
  "2012-06-05",
  "2022-06-03",
  "2022-09-19",
  "2023-05-08",
];

/**
 * New Year's Day, Christmas Day and Boxing Day move to the next weekday not already a
 * holiday when they fall at a weekend: Christmas on a Saturday gives Monday 27 and
 * Tuesday 28; Christmas on a Sunday gives Boxing Day on Monday 26 and Tuesday 27.
 */
function withSubstitutes(days: readonly IsoDate[]): IsoDate[] {
  const taken: IsoDate[] = [];
  for (const day of days) {
    let date = day;
    while (dayOfWeek(date) === 0 || dayOfWeek(date) === 6 || taken.includes(date)) date = addDays(date, 1);
    taken.push(date);
  }
  return taken;
}

/** Every bank holiday in England in calendar year `year`, sorted. */
export function englandBankHolidays(year: number): IsoDate[] {
  const easter = easterSunday(year);
  const days: IsoDate[] = [
    ...withSubstitutes([iso(year, 1, 1)]),
    addDays(easter, -2),
    addDays(easter, 1),
    EARLY_MAY_MOVED[year] ?? mondayOnOrAfter(iso(year, 5, 1)),
    SPRING_MOVED[year] ?? mondayOnOrBefore(iso(year, 5, 31)),
    mondayOnOrBefore(iso(year, 8, 31)),
    ...withSubstitutes([iso(year, 12, 25), iso(year, 12, 26)]),
    ...ONE_OFF.filter((d) => d.startsWith(`${year}-`)),
  ];
  return [...new Set(days)].sort();
}

/** Sets already built, by span: every status read asks for the same four years. */
const SETS = new Map<string, ReadonlySet<IsoDate>>();
const SETS_KEPT = 32;

/**
 * Bank holidays for every year from `fromYear` to `toYear` inclusive, for fast look-up.
 * Built once per span and shared (a status read built it afresh: a quarter of a
 * millisecond, as much as the rest of its rules): callers only read it.
 */
export function englandBankHolidaySet(fromYear: number, toYear: number): ReadonlySet<IsoDate> {
  const span = `${fromYear}-${toYear}`;
  const built = SETS.get(span);
  if (built) return built;
  const all = new Set<IsoDate>();
  for (let year = fromYear; year <= toYear; year++) for (const d of englandBankHolidays(year)) all.add(d);
  if (SETS.size >= SETS_KEPT) SETS.delete(SETS.keys().next().value as string);
  SETS.set(span, all);
  return all;
}
