/**
 * What the school-place rule needs for many children at once, beyond the place they hold
 * today: the day the last place ended and the day the next agreed place starts. Two
 * aggregates, whatever the number of children.
 */
import type { IsoDate } from "../platform/dates.js";
import type { Db, Prisma } from "../platform/db.js";

export type PlaceHistory = { lastPlaceEnded: IsoDate | null; nextPlaceFrom: IsoDate | null };

export async function loadPlaceHistory(
  db: Db,
  child: Prisma.ChildWhereInput,
  today: IsoDate,
): Promise<(childId: number) => PlaceHistory> {
  const [ended, upcoming] = await Promise.all([
    db.enrolment.groupBy({
      by: ["childId"],
      where: { toDate: { lt: today }, child: { is: child } },
      _max: { toDate: true },
    }),
    db.enrolment.groupBy({
      by: ["childId"],
      where: { fromDate: { gt: today }, child: { is: child } },
      _min: { fromDate: true },
    }),
  ]);
  const lastEnded = new Map(ended.map((e) => [e.childId, e._max.toDate]));
  const nextFrom = new Map(upcoming.map((e) => [e.childId, e._min.fromDate]));
  return (childId) => ({
    lastPlaceEnded: lastEnded.get(childId) ?? null,
    nextPlaceFrom: nextFrom.get(childId) ?? null,
  });
}
