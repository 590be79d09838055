/**
 * The calendar each child's school days are counted on (their school's authority's, or the
 * home authority's standing in: calendar.repo.ts forSchool), for work that starts from
 * alerts rather than from the status facts: snoozing an alert for so many school days,
 * escalating one nobody answered within so many. The same choice as the card and the scan.
 */
import { activeOn } from "../access/scope.js";
import type { IsoDate } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import type { CalendarRepo } from "./calendar.repo.js";
import type { CompiledCalendar } from "./school-days.js";

export async function childCalendars(
  db: Db,
  calendars: CalendarRepo,
  childIds: readonly number[],
  today: IsoDate,
): Promise<(childId: number) => CompiledCalendar> {
  const places = await db.enrolment.findMany({
    where: { ...activeOn(today), childId: { in: [...new Set(childIds)] } },
    select: { childId: true, school: { select: { localAuthority: true } } },
    // The last row per child wins below: the latest-starting place, as the card's currentOf.
    orderBy: [{ fromDate: "asc" }, { id: "asc" }],
  });
  const laOf = new Map(places.map((p) => [p.childId, p.school.localAuthority]));
  const calendarFor = await calendars.forSchools(laOf.values(), today);
  return (childId) => calendarFor(laOf.get(childId));
}
