/**
 * Everything the seed lays out relative to: `today`, the school year it falls in and the
 * calendar around it. Computed once so every module agrees on what "this term" and
 * "the last school day" mean, whatever day the demo is started on.
 */
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import {
  type CompiledCalendar,
  compileCalendar,
  type SchoolPeriod,
  schoolDayOnOrBefore,
  schoolDaysInRange,
  termOf,
} from "../../core/calendar/school-days.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../../core/platform/dates.js";
import { defaultPolicy, type Policy } from "../../core/policy.js";
import { demoCalendar } from "./calendar.js";
import { DEMO_SEED, Rng } from "./random.js";

export type SeedContext = {
  today: IsoDate;
  laCode: string;
  /** The school year `today` falls in (1 August boundary). */
  year: number;
  /**
   * The school year whose registers the seed fills: the one holding the last school day on
   * or before `today`. In the summer holiday that is the year just finished, so the demo
   * still has a year of attendance to show.
   */
  attendanceYear: number;
  /** The last school day on or before `today`. */
  lastSchoolDay: IsoDate;
  /** School days of `attendanceYear` up to and including `lastSchoolDay`. */
  registerDays: readonly IsoDate[];
  /** Compiled demo calendar from two years before `year` to the year after. */
  cal: CompiledCalendar;
  bankHolidays: ReadonlySet<IsoDate>;
  /** The term `today` is in, or the next one in a holiday (as core/calendar decides). */
  currentTerm: SchoolPeriod;
  policy: Policy;
  rng: Rng;
};

export function makeContext(today: IsoDate, laCode: string): SeedContext {
  const year = schoolYearOf(today);
  const periods = [year - 2, year - 1, year, year + 1].map((y) => demoCalendar(y, laCode));
  const cal = compileCalendar({ terms: periods.flatMap((p) => p.terms), closures: periods.flatMap((p) => p.closures) });
  const lastSchoolDay = schoolDayOnOrBefore(cal, today);
  const currentTerm = termOf(cal, today);
  if (!lastSchoolDay || !currentTerm) throw new Error(`the demo calendar does not cover ${today}`);
  const attendanceYear = schoolYearOf(lastSchoolDay);
  return {
    today,
    laCode,
    year,
    attendanceYear,
    lastSchoolDay,
    registerDays: schoolDaysInRange(cal, schoolYearBounds(attendanceYear).start, lastSchoolDay),
    cal,
    bankHolidays: englandBankHolidaySet(year - 3, year + 2),
    currentTerm,
    policy: defaultPolicy,
    rng: new Rng(DEMO_SEED),
  };
}

/** Years of the calendar rows written for the home authority (see index.ts). */
export const calendarYears = (ctx: SeedContext): number[] => [ctx.year - 1, ctx.year, ctx.year + 1];
