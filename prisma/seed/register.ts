/**
 * The school days a child was on roll somewhere this school year, and where: the frame
 * both exclusions and attendance marks are drawn on, so marks exist only on the school
 * days of the school's own calendar (its authority's, or the home one's when those are
 * not loaded) and only while enrolled.
 */
import type { IsoDate } from "../../core/platform/dates.js";
import { registerDaysOf, type SeedContext } from "./context.js";
import type { EnrolmentPlan, SchoolPlan } from "./types.js";

export type RegisterDay = { date: IsoDate; school: number };

export function registerOf(
  ctx: SeedContext,
  enrolments: readonly EnrolmentPlan[],
  schools: readonly SchoolPlan[],
): RegisterDay[] {
  const byDate = new Map<IsoDate, RegisterDay>();
  for (const e of enrolments) {
    for (const date of registerDaysOf(ctx, schools[e.school]?.localAuthority ?? ctx.laCode)) {
      const on = e.fromDate <= date && (e.toDate === null || date <= e.toDate);
      if (on && !byDate.has(date)) byDate.set(date, { date, school: e.school });
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Enrolments grouped by child position. */
export function enrolmentsByChild(enrolments: readonly EnrolmentPlan[]): Map<number, EnrolmentPlan[]> {
  const byChild = new Map<number, EnrolmentPlan[]>();
  for (const e of enrolments) byChild.set(e.child, [...(byChild.get(e.child) ?? []), e]);
  return byChild;
}
