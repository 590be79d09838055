/**
 * The alert rules' context per child: the rules count school days on the calendar of the
 * school the child attends (core/calendar/calendar.repo.ts), so the scan and the status
 * card never disagree about the same day. One compiled calendar per authority per scan.
 */
import { englandBankHolidaySet } from "../calendar/bank-holidays.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import type { CompiledCalendar } from "../calendar/school-days.js";
import { type IsoDate, schoolYearOf } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import type { AlertContext } from "./alert.rules.js";
import type { ScanFacts } from "./alert.types.js";

export type ContextBase = Omit<AlertContext, "calendar" | "bankHolidays"> & { today: IsoDate; policy: Policy };

/** A function giving each child's context, with every authority's calendar loaded up front. */
export async function alertContexts(
  calendars: CalendarRepo,
  facts: readonly Pick<ScanFacts, "onRoll">[],
  base: ContextBase,
): Promise<(child: Pick<ScanFacts, "onRoll">) => AlertContext> {
  const year = schoolYearOf(base.today);
  const bankHolidays = englandBankHolidaySet(year - 1, year + 2);
  const calendarFor = await calendars.forSchools(
    facts.map((f) => f.onRoll?.laCode ?? null),
    base.today,
  );
  // One context per calendar, shared by every child counted on it.
  const contexts = new Map<CompiledCalendar, AlertContext>();
  return (child) => {
    const calendar = calendarFor(child.onRoll?.laCode);
    const found = contexts.get(calendar) ?? { ...base, bankHolidays, calendar };
    contexts.set(calendar, found);
    return found;
  };
}
