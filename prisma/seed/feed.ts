/**
 * One school whose attendance feed stopped a few school days ago: its children are on roll
 * with no marks since, which is a feed for the Virtual School to chase ("no attendance data
 * since …"), not children missing education. The school is an in-area one whose children
 * demonstrate nothing else on today's register, so the other demos stay as described.
 */
import type { IsoDate } from "../../core/platform/dates.js";
import type { SeedContext } from "./context.js";
import type { SeedChild } from "./traits.js";
import type { EnrolmentPlan, SchoolPlan } from "./types.js";

/** School days before today without marks: more than policy `attendanceDataGapSchoolDays` (2). */
export const FEED_STOPPED_SCHOOL_DAYS = 4;

export type StoppedFeed = { school: number; lastSent: IsoDate };

export function stoppedFeed(
  ctx: SeedContext,
  schools: readonly SchoolPlan[],
  enrolments: readonly EnrolmentPlan[],
  children: readonly SeedChild[],
): StoppedFeed | null {
  const before = ctx.registerDays.filter((d) => d < ctx.today);
  const lastSent = before[before.length - 1 - FEED_STOPPED_SCHOOL_DAYS];
  if (!lastSent) return null;
  const quiet = (c: SeedChild | undefined) =>
    c !== undefined &&
    c.named === null &&
    c.traits.todayMark === null &&
    c.traits.suspensions.length === 0 &&
    (c.traits.attendance === "good" || c.traits.attendance === "persistent");
  const onRoll = new Map<number, number>();
  const excluded = new Set<number>([0]);
  for (const e of enrolments) {
    if (e.toDate !== null) continue;
    if (quiet(children[e.child])) onRoll.set(e.school, (onRoll.get(e.school) ?? 0) + 1);
    else excluded.add(e.school);
  }
  // The busiest such primary or secondary: the gap shows on several children at once.
  let best: number | null = null;
  schools.forEach((s, i) => {
    const fits = !s.outOfArea && (s.phase === "primary" || s.phase === "secondary") && !excluded.has(i);
    if (fits && (onRoll.get(i) ?? 0) > (best === null ? 0 : (onRoll.get(best) ?? 0))) best = i;
  });
  return best === null ? null : { school: best, lastSent };
}
