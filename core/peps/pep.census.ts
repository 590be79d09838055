/**
 * Stand-in terms for PEPs held before the first loaded term. An out-of-area school's
 * authority, or a first deployment, often has only this school year's dates loaded, yet
 * last summer's PEP decides whether a child is in date on the first day of autumn. Such a
 * PEP is judged by its own date against the school-census terms (DOMAIN.md: autumn 1 Aug to
 * 31 Dec, spring 1 Jan to Easter Sunday, summer Easter Monday to 31 Jul), the one set of
 * term dates known for every year. Pure.
 *
 * - A stand-in never reaches into the loaded calendar: a meeting in the gap just before
 *   the first loaded term (the summer holiday before a calendar that starts in September)
 *   is a holiday meeting, so it covers the census term before, as pep.terms.ts does for a
 *   holiday between two loaded terms.
 * - The terms after a stand-in are stand-ins too until one would reach the loaded
 *   calendar, then the loaded terms: a PEP missed in a term before the data is overdue
 *   from that term's end, as it would be with the dates loaded.
 * - Stand-ins are named as the record keys terms ("2024-summer": the school year it
 *   starts in, then the season). A record's name is read in that form or as a season and
 *   the calendar year it falls in ("Summer 2025"), as the ePEP import reads it.
 * - After the last loaded term there are none: nothing after the data is guessed.
 */
import { easterSunday } from "../calendar/bank-holidays.js";
import type { CompiledCalendar, SchoolPeriod } from "../calendar/school-days.js";
import { addDays, type IsoDate } from "../platform/dates.js";

type Season = "autumn" | "spring" | "summer";

/** The census term of `season` in the school year starting in `schoolYear`. */
export function censusTerm(schoolYear: number, season: Season): SchoolPeriod {
  const name = `${schoolYear}-${season}`;
  if (season === "autumn") return { name, start: `${schoolYear}-08-01`, end: `${schoolYear}-12-31` };
  const easter = easterSunday(schoolYear + 1);
  if (season === "spring") return { name, start: `${schoolYear + 1}-01-01`, end: easter };
  return { name, start: addDays(easter, 1), end: `${schoolYear + 1}-07-31` };
}

/** The census term containing `date`. */
export function censusTermAt(date: IsoDate): SchoolPeriod {
  const year = Number(date.slice(0, 4));
  if (date.slice(5) >= "08-01") return censusTerm(year, "autumn");
  return censusTerm(year - 1, date <= easterSunday(year) ? "spring" : "summer");
}

const KEY_FORM = /^(\d{4})[\s-](autumn|spring|summer)(?: term)?$/;
const CALENDAR_FORM = /^(autumn|spring|summer)(?: term)?[\s-](\d{4})$/;

/** The census term a record's name gives, or null when the name is no term. */
export function censusTermNamed(name: string): SchoolPeriod | null {
  const text = name.trim().toLowerCase().replace(/\s+/g, " ");
  const key = KEY_FORM.exec(text);
  if (key) return censusTerm(Number(key[1]), key[2] as Season);
  const calendar = CALENDAR_FORM.exec(text);
  if (!calendar) return null;
  const season = calendar[1] as Season;
  const year = Number(calendar[2]);
  return censusTerm(season === "autumn" ? year : year - 1, season);
}

/** The term is wholly before the first loaded term (false when no term is loaded). */
export function beforeCalendar(cal: CompiledCalendar, term: SchoolPeriod): boolean {
  const first = cal.terms[0];
  return first !== undefined && term.end < first.start;
}

/** The stand-in term a meeting on `date` covers, or null unless `date` is before the first loaded term. */
export function standInTermAt(cal: CompiledCalendar, date: IsoDate): SchoolPeriod | null {
  const first = cal.terms[0];
  if (first === undefined || date >= first.start) return null;
  let term = censusTermAt(date);
  while (!beforeCalendar(cal, term)) term = censusTermAt(addDays(term.start, -1));
  return term;
}

/**
 * The term after a stand-in: the next census term while it ends before the loaded
 * calendar begins, otherwise the first loaded term. Null for a loaded term (ask the calendar).
 */
export function termAfterStandIn(cal: CompiledCalendar, term: SchoolPeriod): SchoolPeriod | null {
  if (!beforeCalendar(cal, term)) return null;
  const next = censusTermAt(addDays(term.end, 1));
  return beforeCalendar(cal, next) ? next : (cal.terms[0] ?? null);
}
