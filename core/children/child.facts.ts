/**
 * Loads what the pure rules need about one child (ChildFacts), already filtered by the
 * caller's scope: the child and its relations in one prepared statement
 * (child.facts.sql.ts). Marks are this school year's only.
 */
import type { Actor } from "../access/roles.js";
import { scopeShape, scopeValues } from "../access/scope.js";
import { englandBankHolidaySet } from "../calendar/bank-holidays.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { reviewDates } from "../peps/pep.rules.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { sqlOf } from "../platform/sql/index.js";
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
  const bundle = await loadChildBundle(sqlOf(db), childId, scopeShape(actor.role), scopeValues(actor, today), {
    marksFrom: options.marksFrom ?? schoolYearBounds(year).start,
    marksTo: today,
    exclusionsFrom: schoolYearBounds(year - 1).start,
    actions: options.actions ?? RECENT_ACTIONS,
  });
  if (!bundle) return null;
  const { enrolments, placements, marks, peps, exclusions, reviews, partTime, actions, ...child } = bundle;
  const current = currentOf(enrolments, today);
  const termDates = await calendars.forSchool(current?.localAuthority, today);
  return {
    child: { ...child, senStatus: senStatusSchema.catch("none").parse(child.senStatus) },
    enrolments,
    placements,
    marks,
    peps,
    exclusions,
    ...reviewDates(reviews),
    partTime,
    actions,
    calendar: termDates.calendar,
    termDates: { schoolLaCode: current?.localAuthority ?? null, fallback: termDates.fallback },
    bankHolidays: englandBankHolidaySet(year - 1, year + 2),
  };
}
