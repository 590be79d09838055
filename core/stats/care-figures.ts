/**
 * Who the Virtual School's figures are about, and who they leave out, for `GET /api/stats`:
 * the cohort (looked after today, not for short breaks), children on short breaks (no PEP
 * duty, not in the cohort), and children who left care this school year (their records are
 * kept, they are counted apart, never in the cohort's figures), with how many of them are
 * previously looked after (adopted, special guardianship or child arrangements order: the
 * Virtual School's information-and-advice duty) rather than, say, returned home.
 * The same cases as the status card's `care` (core/children/care.ts), as database counts.
 */
import { cohortWhere, leftCareWhere, previouslyLookedAfterWhere, shortBreaksWhere } from "../children/care.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db, Prisma } from "../platform/db.js";

export type CareFigures = {
  /** In the cohort today: the children every other figure is about. */
  lookedAfter: number;
  /** Accommodated for short breaks (legal status V3/V4) today. */
  shortBreaks: number;
  /**
   * Left care from 1 August of this school year to today, the latest day one did, and how
   * many of them are previously looked after (the care card's `previouslyLookedAfter`).
   */
  leftCare: { thisSchoolYear: number; latest: IsoDate | null; previouslyLookedAfter: number };
};

/** `scope` is the caller's (core/access/scope.ts childScope): an adviser's figures are about their children. */
export async function careFigures(db: Db, scope: Prisma.ChildWhereInput, today: IsoDate): Promise<CareFigures> {
  const yearStart = schoolYearBounds(schoolYearOf(today)).start;
  const thisYear = { ceasedLookedAfter: { gte: yearStart } };
  const [lookedAfter, shortBreaks, left, previouslyLookedAfter] = await Promise.all([
    db.child.count({ where: { AND: [scope, cohortWhere(today)] } }),
    db.child.count({ where: { AND: [scope, shortBreaksWhere(today)] } }),
    db.child.aggregate({
      where: { AND: [scope, leftCareWhere(today), thisYear] },
      _count: { _all: true },
      _max: { ceasedLookedAfter: true },
    }),
    db.child.count({ where: { AND: [scope, previouslyLookedAfterWhere(today), thisYear] } }),
  ]);
  return {
    lookedAfter,
    shortBreaks,
    leftCare: { thisSchoolYear: left._count._all, latest: left._max.ceasedLookedAfter, previouslyLookedAfter },
  };
}
