/**
 * The school days a child was on roll somewhere this school year, and where: the frame
 * both exclusions and attendance marks are drawn on, so marks exist only on school
 * days and only while enrolled.
 */
import type { IsoDate } from "../../core/platform/dates.js";
import type { SeedContext } from "./context.js";
import type { EnrolmentPlan } from "./types.js";

export type RegisterDay = { date: IsoDate; school: number };

export function registerOf(ctx: SeedContext, enrolments: readonly EnrolmentPlan[]): RegisterDay[] {
  const days: RegisterDay[] = [];
  for (const date of ctx.registerDays) {
    const on = enrolments.find((e) => e.fromDate <= date && (e.toDate === null || date <= e.toDate));
    if (on) days.push({ date, school: on.school });
  }
  return days;
}

/** Enrolments grouped by child position. */
export function enrolmentsByChild(enrolments: readonly EnrolmentPlan[]): Map<number, EnrolmentPlan[]> {
  const byChild = new Map<number, EnrolmentPlan[]>();
  for (const e of enrolments) byChild.set(e.child, [...(byChild.get(e.child) ?? []), e]);
  return byChild;
}
