/**
 * School calendars are data (terms and closures per authority). They change a few times
 * a year and every status and scan needs one, so each is cached briefly per process.
 * Nothing else depends on the cache: a second instance simply loads its own.
 */
import type { Db } from "../platform/db.js";
import { type CompiledCalendar, compileCalendar } from "./school-days.js";

const TTL_MS = 60_000;

export function createCalendarRepo(db: Db, homeLaCode: string) {
  const cache = new Map<string, { at: number; value: Promise<CompiledCalendar> }>();

  async function load(laCode: string): Promise<CompiledCalendar> {
    const rows = await db.schoolCalendar.findMany({ where: { laCode }, orderBy: { startDate: "asc" } });
    const pick = (kind: string) =>
      rows.filter((r) => r.kind === kind).map((r) => ({ name: r.name, start: r.startDate, end: r.endDate }));
    return compileCalendar({ terms: pick("term"), closures: pick("closure") });
  }

  return {
    /**
     * The calendar for a school's authority, or the home authority's when that one has
     * none (an out-of-area school whose dates nobody has imported yet).
     */
    async forAuthority(laCode: string = homeLaCode): Promise<CompiledCalendar> {
      const hit = cache.get(laCode);
      if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
      const value = load(laCode).then((cal) =>
        cal.terms.length > 0 || laCode === homeLaCode ? cal : this.forAuthority(homeLaCode),
      );
      cache.set(laCode, { at: Date.now(), value });
      value.catch(() => cache.delete(laCode));
      return value;
    },
    invalidate(): void {
      cache.clear();
    },
  };
}
export type CalendarRepo = ReturnType<typeof createCalendarRepo>;
