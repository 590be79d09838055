/**
 * Loads what the pure rules need about one child (ChildFacts), already filtered by the
 * caller's scope: the scoped child row through Prisma, then its relations in one
 * statement (child.facts.sql.ts). Marks are this school year's only.
 */
import type { Actor } from "../access/roles.js";
import { childScope } from "../access/scope.js";
import { englandBankHolidaySet } from "../calendar/bank-holidays.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { reviewDates } from "../peps/pep.rules.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { loadChildBundle } from "./child.facts.sql.js";
import { senStatusSchema } from "./child.schema.js";
import type { ChildFacts } from "./status.js";
import { currentOf } from "./status.js";

const RECENT_ACTIONS = 5;

export type FactsOptions = {
  /** Marks from this date (default: the start of this school year). */
  marksFrom?: IsoDate;
  /** How many recent actions (default 5). */
  actions?: number;
};

export async function loadChildFacts(
  db: Db,
  calendars: CalendarRepo,
  actor: Actor,
  childId: number,
  today: IsoDate,
  options: FactsOptions = {},
): Promise<ChildFacts | null> {
  const year = schoolYearOf(today);
  const child = await db.child.findFirst({
    where: { AND: [{ id: childId }, childScope(actor, today)] },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      dateOfBirth: true,
      senStatus: true,
      lookedAfterSince: true,
      careStartKnown: true,
      ceasedLookedAfter: true,
      ceasedReason: true,
      legalStatus: true,
    },
  });
  if (!child) return null;
  const bundle = await loadChildBundle(db, child.id, {
    marksFrom: options.marksFrom ?? schoolYearBounds(year).start,
    marksTo: today,
    exclusionsFrom: schoolYearBounds(year - 1).start,
    actions: options.actions ?? RECENT_ACTIONS,
  });
  const current = currentOf(bundle.enrolments, today);
  const termDates = await calendars.forSchool(current?.localAuthority, today);
  return {
    child: { ...child, senStatus: senStatusSchema.catch("none").parse(child.senStatus) },
    enrolments: bundle.enrolments,
    placements: bundle.placements,
    marks: bundle.marks.map(([date, session, code]) => ({ date, session, code })),
    peps: bundle.peps,
    exclusions: bundle.exclusions,
    ...reviewDates(bundle.reviews),
    partTime: bundle.partTime,
    actions: bundle.actions,
    calendar: termDates.calendar,
    termDates: { schoolLaCode: current?.localAuthority ?? null, fallback: termDates.fallback },
    bankHolidays: englandBankHolidaySet(year - 1, year + 2),
  };
}
