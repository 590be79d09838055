/**
 * Exclusions: a handful of suspensions this school year (Leah Morgan's this term, one
 * child past 10 days in total) and one permanent exclusion last year. The register shows
 * E on every suspended school day, so attendance and exclusions agree.
 */
import { termOf } from "../../core/calendar/school-days.js";
import type { IsoDate } from "../../core/platform/dates.js";
import type { SeedContext } from "./context.js";
import { permanentExclusionDate } from "./enrolments.js";
import type { Rng } from "./random.js";
import type { RegisterDay } from "./register.js";
import type { SeedChild } from "./traits.js";
import type { EnrolmentPlan, ExclusionPlan } from "./types.js";

const REASONS: readonly (readonly [string, number])[] = [
  ["Persistent disruptive behaviour", 40],
  ["Verbal abuse or threatening behaviour against an adult", 20],
  ["Physical assault against a pupil", 15],
  ["Damage to property", 10],
  ["Use or threat of use of an offensive weapon or prohibited item", 5],
  ["Bullying", 10],
];

export type ExclusionResult = { exclusions: ExclusionPlan[]; suspendedDays: Map<number, Set<IsoDate>> };

export function planExclusions(
  rng: Rng,
  ctx: SeedContext,
  children: readonly SeedChild[],
  registers: ReadonlyMap<number, RegisterDay[]>,
  enrolments: ReadonlyMap<number, EnrolmentPlan[]>,
): ExclusionResult {
  const exclusions: ExclusionPlan[] = [];
  const suspendedDays = new Map<number, Set<IsoDate>>();
  const thisTerm = termOf(ctx.cal, ctx.lastSchoolDay);

  for (const child of children) {
    const register = registers.get(child.index) ?? [];
    const suspensions = child.traits.suspensions;
    if (suspensions.length > 0 && register.length > 0) {
      const n = register.length;
      const termStart = register.findIndex((d) => thisTerm !== null && d.date >= thisTerm.start);
      // Leah's suspension began on the last school day before today and is still running
      // (inside this term); other suspensions are spread over the year.
      const starts =
        suspensions.length === 1
          ? [child.named ? Math.max(termStart, n - 2, 0) : rng.int(0, n - 1)]
          : suspensions.map((_, i) => Math.floor(n * (0.2 + 0.3 * i)));
      const taken = new Set<IsoDate>();
      suspensions.forEach((days, i) => {
        const start = starts[i] ?? 0;
        const span = register.slice(start, start + Math.ceil(days));
        const first = span[0];
        if (!first || span.some((d) => taken.has(d.date))) return; // too early in the year to fit
        for (const d of span) taken.add(d.date);
        exclusions.push({
          child: child.index,
          school: first.school,
          kind: "suspension",
          startDate: first.date,
          days,
          reason: rng.weighted(REASONS),
        });
      });
      suspendedDays.set(child.index, taken);
    }
    if (child.traits.permanentlyExcluded) {
      const date = permanentExclusionDate(ctx);
      const left = (enrolments.get(child.index) ?? []).find((e) => e.toDate === date);
      exclusions.push({
        child: child.index,
        school: left?.school ?? 0,
        kind: "permanent",
        startDate: date,
        // The schema counts school days; a permanent exclusion has no length.
        days: 0,
        reason: "Persistent disruptive behaviour",
      });
    }
  }
  return { exclusions, suspendedDays };
}
