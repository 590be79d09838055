/**
 * Care-plan (looked-after) reviews on the statutory rhythm: the first within 20 working
 * days of coming into care, the second within 3 months, then at most 6 months apart.
 * About a third of children have the next review booked within the next four weeks. A
 * few are overdue: the last was held more than the interval ago (policy
 * `laterReviewMonths`), and for some the next is booked, late. A child who left care had
 * reviews until then, and none since.
 */
import { addWorkingDays } from "../../core/calendar/school-days.js";
import { ageOn } from "../../core/peps/pep.rules.js";
import { addDays, addMonths, daysBetween, type IsoDate, minDate } from "../../core/platform/dates.js";
import type { SeedContext } from "./context.js";
import type { Rng } from "./random.js";
import type { SeedChild } from "./traits.js";
import type { ReviewPlan } from "./types.js";

/** SSDA903 REVIEW_CODE: PN0 child under 4; PN1–PN7 how the child took part. */
const PARTICIPATION: readonly (readonly [string, number])[] = [
  ["PN1", 40],
  ["PN2", 10],
  ["PN3", 15],
  ["PN4", 10],
  ["PN5", 10],
  ["PN6", 5],
  ["PN7", 10],
];

export function planReviews(rng: Rng, ctx: SeedContext, children: readonly SeedChild[]): ReviewPlan[] {
  const out: ReviewPlan[] = [];
  const workingDay = (d: IsoDate) => addWorkingDays(d, 0, ctx.bankHolidays);
  for (const child of children) {
    const code = (date: IsoDate) => (ageOn(child.dateOfBirth, date) < 4 ? "PN0" : rng.weighted(PARTICIPATION));
    const { reviewSoon, reviewOverdue, exemplary } = child.traits;
    const booked = reviewSoon || reviewOverdue === "booked" || (!exemplary && !reviewOverdue && rng.chance(0.3));
    const soon = workingDay(addDays(ctx.today, reviewSoon ? rng.int(6, 12) : rng.int(1, 27)));
    // Overdue: the last review was held the interval and a few weeks ago; any booked since is late.
    const anchor = reviewOverdue
      ? workingDay(addDays(addMonths(ctx.today, -ctx.policy.laterReviewMonths), -rng.int(10, 45)))
      : booked
        ? soon
        : workingDay(addDays(ctx.today, rng.int(29, 150)));
    const dates = schedule(rng, ctx, child.lookedAfterSince, anchor, workingDay);
    const held = dates.filter((d) => d < minDate(ctx.today, child.ceasedLookedAfter ?? ctx.today));
    const next = reviewOverdue ? soon : dates.find((d) => d > ctx.today);
    for (const date of held) out.push({ child: child.index, date, code: code(date), status: "held" });
    if (child.ceasedLookedAfter) continue;
    // The next review is on the books when it is soon, or for a new entrant (first review).
    if (next && (booked || held.length === 0))
      out.push({ child: child.index, date: next, code: null, status: "planned" });
  }
  return out;
}

/** Review dates from the first to `anchor` (the next one), each gap within the statutory limit. */
function schedule(
  rng: Rng,
  ctx: SeedContext,
  since: IsoDate,
  anchor: IsoDate,
  workingDay: (d: IsoDate) => IsoDate,
): IsoDate[] {
  const first = addWorkingDays(since, 20 - rng.int(0, 4), ctx.bankHolidays);
  if (first >= ctx.today) return [first];
  const second = workingDay(addDays(addMonths(first, 3), -rng.int(0, 10)));
  if (second >= ctx.today) return [first, second];
  // Later reviews are laid back from the anchor, at most six months apart.
  const later: IsoDate[] = [anchor];
  for (;;) {
    const earliest = later[0] as IsoDate;
    if (addMonths(second, 6) >= earliest) break;
    let previous = workingDay(addDays(addMonths(earliest, -6), rng.int(0, 14)));
    if (daysBetween(second, previous) < 14)
      previous = workingDay(addDays(second, Math.floor(daysBetween(second, earliest) / 2)));
    later.unshift(previous);
  }
  return [...new Set([first, second, ...later])].filter((d) => d > since);
}
