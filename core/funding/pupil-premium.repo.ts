/**
 * Loads what the PP+ rules need for the children matching a (scoped) filter: who was looked
 * after this school year, their school today, and the PEPs held in the year with what they
 * asked for and were given. The rules in pupil-premium.ts decide.
 */
import { activeOn } from "../access/scope.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { HELD_STATES } from "../peps/pep.rules.js";
import { groupBy } from "../platform/collections.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db, Prisma } from "../platform/db.js";
import type { Policy } from "../policy.js";
import { childPpPlus, isPpPlusEligible, type PpPlusChildRow, ppPlusReport, ppPlusSettings } from "./pupil-premium.js";

export type PpPlusDeps = { db: Db; calendars: CalendarRepo; policy: Policy };

export type PpPlusOptions = {
  /** The school year (named by its start); default: today's. */
  schoolYear?: number;
  /** Leave this PEP's request out (it is being replaced). */
  excludePepId?: number;
};

export async function loadPpPlusReport(
  { db, calendars, policy }: PpPlusDeps,
  where: Prisma.ChildWhereInput,
  today: IsoDate,
  options: PpPlusOptions = {},
) {
  const year = options.schoolYear ?? schoolYearOf(today);
  const { start, end } = schoolYearBounds(year);
  const inYear: Prisma.ChildWhereInput = {
    AND: [where, { lookedAfterSince: { not: null, lte: today < end ? today : end } }],
  };
  const child = { is: inYear };
  const [children, onRoll, peps, calendar] = await Promise.all([
    db.child.findMany({
      where: inYear,
      select: {
        id: true,
        firstName: true,
        lastName: true,
        dateOfBirth: true,
        lookedAfterSince: true,
        ceasedLookedAfter: true,
      },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    }),
    db.enrolment.findMany({
      where: { ...activeOn(today), child },
      select: { childId: true, school: { select: { id: true, name: true } } },
    }),
    db.pep.findMany({
      where: {
        child,
        meetingDate: { gte: start, lte: end },
        status: { in: [...HELD_STATES] },
        ...(options.excludePepId ? { id: { not: options.excludePepId } } : {}),
      },
      select: { childId: true, status: true, ppPlusPence: true, targetList: { select: { ppRequestedPence: true } } },
    }),
    calendars.forAuthority(),
  ]);
  const settings = ppPlusSettings(
    policy,
    year,
    today,
    calendar.terms.map((t) => t.start),
  );
  const schoolOf = new Map(onRoll.map((e) => [e.childId, e.school]));
  const pepsOf = groupBy(peps, (p) => p.childId);
  const rows: PpPlusChildRow[] = children.map((c) => {
    const eligible = isPpPlusEligible(c, year, today);
    const funding = (pepsOf.get(c.id) ?? []).map((p) => ({
      status: p.status,
      ppPlusPence: p.ppPlusPence,
      requestedPence: p.targetList.reduce((n, t) => n + t.ppRequestedPence, 0),
    }));
    return {
      childId: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      eligible,
      school: schoolOf.get(c.id) ?? null,
      ...childPpPlus(eligible, settings, funding),
    };
  });
  return ppPlusReport(settings, rows);
}
