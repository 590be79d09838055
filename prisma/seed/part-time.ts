/**
 * Part-time timetables for the children whose afternoons are marked C2: each began on
 * their first register day this year, with a review date a few weeks in and a planned
 * end after it. Some reviews have passed with the timetable still running, which is the
 * concern a Virtual School chases (a reduced timetable is lawful only short term).
 */
import { addWorkingDays } from "../../core/calendar/school-days.js";
import { addDays } from "../../core/platform/dates.js";
import type { SeedContext } from "./context.js";
import type { Rng } from "./random.js";
import type { RegisterDay } from "./register.js";
import type { SeedChild } from "./traits.js";
import type { PartTimePlan } from "./types.js";

const REASONS = [
  "Phased return after a placement move",
  "Anxiety about attending full days",
  "Reintegration after exclusion",
];

export function planPartTime(
  rng: Rng,
  ctx: SeedContext,
  children: readonly SeedChild[],
  registers: ReadonlyMap<number, RegisterDay[]>,
): PartTimePlan[] {
  return children.flatMap((child): PartTimePlan[] => {
    const first = registers.get(child.index)?.[0];
    if (child.traits.attendance !== "part_time" || !first) return [];
    const reviewDate = addWorkingDays(first.date, rng.int(15, 40), ctx.bankHolidays);
    return [
      {
        child: child.index,
        school: first.school,
        startDate: first.date,
        reviewDate,
        plannedEndDate: addDays(reviewDate, rng.int(14, 42)),
        hoursPerWeek: rng.pick([12.5, 15, 17.5]),
        reason: rng.pick(REASONS),
      },
    ];
  });
}
