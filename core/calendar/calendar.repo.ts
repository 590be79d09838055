/**
 * School calendars are data (terms and closures per authority). They change a few times
 * a year and every status and scan needs one, so each is cached briefly per process.
 * Nothing else depends on the cache: a second instance simply loads its own.
 *
 * A child's school days are counted on the calendar of the school they attend (an
 * out-of-area school keeps its own authority's term dates), falling back to the home
 * authority's when none are loaded for that authority, or only past years are (a stale
 * calendar would have no school days from today on, and so hide every count and alert);
 * `forSchool` says which.
 *
 * Read on the SQL layer, a statement prepared once: through Prisma the query's shape was
 * worked out afresh in every new process (~0.2 s of a worker's first scan, on its path).
 */
import type { IsoDate } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { sqlOf } from "../platform/sql/index.js";
import { prepared } from "../platform/sql/prepared.js";
import { type CompiledCalendar, compileCalendar } from "./school-days.js";

/** An authority's terms and closures, in order of start. */
const calendarRows = prepared<{ laCode: string }, { kind: string; name: string; startDate: string; endDate: string }>(
  (db, p) =>
    db
      .selectFrom("SchoolCalendar")
      .select(["kind", "name", "startDate", "endDate"])
      .where("laCode", "=", p.laCode)
      .orderBy("startDate")
      .orderBy("id"),
);

const TTL_MS = 60_000;

/** The calendar has a term ending on or after `today` (this school year's dates are loaded). */
const coversToday = (calendar: CompiledCalendar, today: IsoDate): boolean => calendar.terms.some((t) => t.end >= today);

/** The calendar a child's school days are counted on, and whether it stands in for the school's own. */
export type SchoolCalendarChoice = { calendar: CompiledCalendar; laCode: string; fallback: boolean };

export function createCalendarRepo(db: Db, homeLaCode: string) {
  const cache = new Map<string, { at: number; value: Promise<CompiledCalendar | null> }>();

  async function load(laCode: string): Promise<CompiledCalendar | null> {
    const rows = await calendarRows(sqlOf(db), { laCode });
    const pick = (kind: string) =>
      rows.filter((r) => r.kind === kind).map((r) => ({ name: r.name, start: r.startDate, end: r.endDate }));
    const terms = pick("term");
    return terms.length > 0 || laCode === homeLaCode ? compileCalendar({ terms, closures: pick("closure") }) : null;
  }

  /** The authority's own calendar, or null when it has none loaded (the home authority always has one, maybe empty). */
  function own(laCode: string): Promise<CompiledCalendar | null> {
    const hit = cache.get(laCode);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = load(laCode);
    cache.set(laCode, { at: Date.now(), value });
    value.catch(() => cache.delete(laCode));
    return value;
  }

  const home = async (): Promise<CompiledCalendar> =>
    (await own(homeLaCode)) ?? compileCalendar({ terms: [], closures: [] });

  return {
    /** The home authority's LA code (whose calendar stands in for any not loaded). */
    homeLaCode,
    /**
     * The calendar for an authority, or the home authority's when that one has none (an
     * out-of-area school whose dates nobody has imported yet).
     */
    async forAuthority(laCode: string = homeLaCode): Promise<CompiledCalendar> {
      return (await own(laCode)) ?? home();
    },
    /**
     * The calendar of the school a child attends (by the school's LA code), saying whether
     * the home authority's stands in. No school (null): the home authority's, no fallback.
     */
    async forSchool(laCode: string | null | undefined, today: IsoDate): Promise<SchoolCalendarChoice> {
      const wanted = laCode ?? homeLaCode;
      const calendar = await own(wanted);
      return calendar && (wanted === homeLaCode || coversToday(calendar, today))
        ? { calendar, laCode: wanted, fallback: false }
        : { calendar: await home(), laCode: homeLaCode, fallback: true };
    },
    /**
     * `forSchool` for many schools at once: each authority's calendar loaded once, then a
     * lookup by the school's LA code (null or unknown: the home authority's).
     */
    async forSchools(
      laCodes: Iterable<string | null>,
      today: IsoDate,
    ): Promise<(laCode: string | null | undefined) => CompiledCalendar> {
      const wanted = [...new Set(laCodes)];
      const chosen = new Map(
        await Promise.all(wanted.map(async (la) => [la, (await this.forSchool(la, today)).calendar] as const)),
      );
      const home = (await this.forSchool(null, today)).calendar;
      return (laCode) => chosen.get(laCode ?? null) ?? home;
    },
    invalidate(): void {
      cache.clear();
    },
  };
}
export type CalendarRepo = ReturnType<typeof createCalendarRepo>;
