/**
 * Queries the demo seed's tests share: each authority's term dates as loaded, and marks
 * that fall outside their school's calendar or enrolment. They read the seeded database
 * only, never the seed's own plan, so a check cannot agree with the seed by construction.
 */
import { type CompiledCalendar, compileCalendar, isSchoolDay } from "../../core/calendar/school-days.js";
import type { Db } from "../../core/platform/db.js";

/** Each authority's compiled calendar from its SchoolCalendar rows (only those with rows). */
export async function calendarsOf(db: Db): Promise<Map<string, CompiledCalendar>> {
  const rows = await db.schoolCalendar.findMany();
  const byLa = new Map<string, typeof rows>();
  for (const r of rows) byLa.set(r.laCode, [...(byLa.get(r.laCode) ?? []), r]);
  const period = (r: (typeof rows)[number]) => ({ name: r.name, start: r.startDate, end: r.endDate });
  return new Map(
    [...byLa].map(([la, own]) => [
      la,
      compileCalendar({
        terms: own.filter((r) => r.kind === "term").map(period),
        closures: own.filter((r) => r.kind === "closure").map(period),
      }),
    ]),
  );
}

/**
 * Marks on a day that is not a school day of the marked school's calendar (its
 * authority's, or the home authority's when its own are not loaded), or outside an
 * enrolment at the marked school.
 */
export async function misplacedMarks(db: Db, homeLa: string): Promise<{ notSchoolDay: number; notEnrolled: number }> {
  const calendars = await calendarsOf(db);
  const schools = new Map((await db.school.findMany()).map((s) => [s.id, s.localAuthority]));
  const days = await db.attendanceMark.findMany({
    distinct: ["schoolId", "date"],
    select: { schoolId: true, date: true },
  });
  const calendarOf = (schoolId: number | null) =>
    calendars.get(schools.get(schoolId ?? -1) ?? homeLa) ?? calendars.get(homeLa);
  const notSchoolDay = days.filter((d) => {
    const cal = calendarOf(d.schoolId);
    return !cal || !isSchoolDay(cal, d.date);
  }).length;
  const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`
    SELECT COUNT(*) AS n FROM "AttendanceMark" m WHERE NOT EXISTS (
      SELECT 1 FROM "Enrolment" e WHERE e."childId" = m."childId" AND e."schoolId" = m."schoolId"
        AND e."fromDate" <= m."date" AND (e."toDate" IS NULL OR e."toDate" >= m."date"))`);
  return { notSchoolDay, notEnrolled: Number(row?.n ?? -1) };
}
