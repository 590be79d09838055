/**
 * Everything the seed lays out relative to: `today`, the school year it falls in and the
 * calendars around it. Computed once so every module agrees on what "this term" and
 * "the last school day" mean, whatever day the demo is started on.
 */
import {
  BOTH_REGISTERS_CLOSED,
  NO_REGISTER_CLOSED,
  type RegistersClosed,
  registersClosedAt,
} from "../../core/attendance/registers.js";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import {
  type CompiledCalendar,
  compileCalendar,
  type SchoolPeriod,
  schoolDayOnOrBefore,
  schoolDaysInRange,
  termOf,
} from "../../core/calendar/school-days.js";
import { type IsoDate, londonDateOf, schoolYearBounds, schoolYearOf } from "../../core/platform/dates.js";
import { defaultPolicy, type Policy } from "../../core/policy.js";
import { demoCalendar, demoTermDates } from "./calendar.js";
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
  /** The home authority's compiled demo calendar, from two years before `year` to the year after. */
  cal: CompiledCalendar;
  /** Each authority's own calendar whose term dates the demo loads (the home one included). */
  calendars: ReadonlyMap<string, CompiledCalendar>;
  /** `registerDays` counted on each of `calendars`. */
  registerDaysByLa: ReadonlyMap<string, readonly IsoDate[]>;
  bankHolidays: ReadonlySet<IsoDate>;
  /** The term `today` is in, or the next one in a holiday (as core/calendar decides). */
  currentTerm: SchoolPeriod;
  /** Which of today's registers have closed (see `todaysRegisters`). */
  registersClosed: RegistersClosed;
  policy: Policy;
  rng: Rng;
};

export type ContextOptions = {
  /** The instant the seed runs (the Clock's `now()`): today's registers not yet closed get no marks. */
  now?: Date;
  policy?: Policy;
};

export function makeContext(today: IsoDate, laCode: string, opts: ContextOptions = {}): SeedContext {
  const year = schoolYearOf(today);
  const policy = opts.policy ?? defaultPolicy;
  const calendars = new Map(
    demoTermDates(laCode).map(({ laCode: la, variant }) => {
      const periods = [year - 2, year - 1, year, year + 1].map((y) => demoCalendar(y, variant));
      const terms = periods.flatMap((p) => p.terms);
      return [la, compileCalendar({ terms, closures: periods.flatMap((p) => p.closures) })] as const;
    }),
  );
  const cal = calendars.get(laCode) as CompiledCalendar;
  const lastSchoolDay = schoolDayOnOrBefore(cal, today);
  const currentTerm = termOf(cal, today);
  if (!lastSchoolDay || !currentTerm) throw new Error(`the demo calendar does not cover ${today}`);
  const attendanceYear = schoolYearOf(lastSchoolDay);
  const { start } = schoolYearBounds(attendanceYear);
  const registerDaysByLa = new Map(
    [...calendars].map(([la, c]) => [la, schoolDaysInRange(c, start, schoolDayOnOrBefore(c, today) ?? start)] as const),
  );
  return {
    today,
    laCode,
    year,
    attendanceYear,
    lastSchoolDay,
    registerDays: registerDaysByLa.get(laCode) ?? [],
    cal,
    calendars,
    registerDaysByLa,
    bankHolidays: englandBankHolidaySet(year - 3, year + 2),
    currentTerm,
    registersClosed: todaysRegisters(today, opts.now, policy),
    policy,
    rng: new Rng(DEMO_SEED),
  };
}

/**
 * The calendar a school in authority `laCode` keeps: its authority's own when loaded,
 * else the home authority's, as the product falls back (core/calendar/calendar.repo.ts).
 */
export const calendarOf = (ctx: SeedContext, laCode: string): CompiledCalendar => ctx.calendars.get(laCode) ?? ctx.cal;

/** The register days of a school in authority `laCode` (same fallback as `calendarOf`). */
export const registerDaysOf = (ctx: SeedContext, laCode: string): readonly IsoDate[] =>
  ctx.registerDaysByLa.get(laCode) ?? ctx.registerDays;

/**
 * Which of today's registers have closed at `now`, by the product's own rule
 * (core/attendance/registers.ts). A school sends a session's marks once its register has
 * closed, so the seed writes none for a session still open. No `now`: the whole day has
 * passed, as for a day replayed in full by the tests and benchmarks.
 */
function todaysRegisters(today: IsoDate, now: Date | undefined, policy: Policy): RegistersClosed {
  if (now === undefined) return BOTH_REGISTERS_CLOSED;
  const date = londonDateOf(now);
  if (date !== today) return date > today ? BOTH_REGISTERS_CLOSED : NO_REGISTER_CLOSED;
  return registersClosedAt(now, policy);
}

/** Initial PEPs are laid out for the children who came into care from here: this school year and last. */
export const initialPepWindowStart = (ctx: SeedContext): IsoDate => `${ctx.year - 1}-08-01`;

/** Years of the calendar rows written for each authority (see plan.ts). */
export const calendarYears = (ctx: SeedContext): number[] => [ctx.year - 1, ctx.year, ctx.year + 1];
