/**
 * Every child has one social worker, one IRO and one Virtual School education adviser. Caseloads are about 25 per social
 * worker and 60 per IRO; the named demo children all sit with sw1 and iro1 so one
 * sign-in per role shows every scenario.
 */
import { addDays, daysBetween, maxDate } from "../../core/platform/dates.js";
import type { SeedContext } from "./context.js";
import {
  EDUCATION_ADVISER_COUNT,
  educationAdviserEmail,
  IRO_COUNT,
  iroEmail,
  SOCIAL_WORKER_COUNT,
  socialWorkerEmail,
} from "./professionals.js";
import type { Rng } from "./random.js";
import type { SeedChild } from "./traits.js";
import type { AllocationPlan } from "./types.js";

/** Caseload the generated children give sw1 on top of the named children. */
const SW1_GENERATED = 19;

export function planAllocations(rng: Rng, ctx: SeedContext, children: readonly SeedChild[]): AllocationPlan[] {
  const generated = rng.shuffle(children.filter((c) => c.named === null));
  const socialWorker = new Map<number, number>();
  const iro = new Map<number, number>();
  for (const c of children) {
    if (c.named) {
      socialWorker.set(c.index, 1);
      iro.set(c.index, 1);
    }
  }
  generated.forEach((c, i) => {
    socialWorker.set(c.index, i < SW1_GENERATED ? 1 : 2 + ((i - SW1_GENERATED) % (SOCIAL_WORKER_COUNT - 1)));
  });
  // IROs: balance whole caseloads, with iro1 already holding the named children.
  rng.shuffle(generated).forEach((c, i) => {
    iro.set(c.index, 1 + ((i + 1) % IRO_COUNT));
  });

  return children.flatMap((c): AllocationPlan[] => {
    const since = c.lookedAfterSince;
    const inCare = daysBetween(since, ctx.today);
    // Social workers change; the allocation starts at the latest change.
    const swFrom =
      c.named || inCare < 90 || rng.chance(0.4) ? since : maxDate(since, addDays(ctx.today, -rng.int(30, inCare)));
    return [
      {
        child: c.index,
        email: socialWorkerEmail(socialWorker.get(c.index) ?? 2),
        role: "social_worker",
        fromDate: swFrom,
      },
      { child: c.index, email: iroEmail(iro.get(c.index) ?? 2), role: "iro", fromDate: since },
      // Education advisers by turn (no draw, so the rest of the seed is unchanged); ea1 has the named children.
      {
        child: c.index,
        email: educationAdviserEmail(c.named ? 1 : 1 + (c.index % EDUCATION_ADVISER_COUNT)),
        role: "education_adviser",
        fromDate: since,
      },
    ];
  });
}
