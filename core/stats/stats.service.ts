/**
 * The Virtual School "as if a single school": the figures a VSH reports to the
 * corporate parenting board, from the same per-child judgements as each status card.
 */
import { type Actor, requireRole } from "../access/roles.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { loadJudgements } from "../children/judgements.js";
import type { Clock } from "../platform/clock.js";
import { schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import type { Policy } from "../policy.js";
import { statsFigures } from "./stats.rules.js";

type Deps = { db: Db; clock: Clock; calendars: CalendarRepo; policy: Policy };

export function createStatsService(deps: Deps) {
  const { db, clock } = deps;
  return {
    async summary(actor: Actor) {
      requireRole(actor, "vsh");
      const today = clock.today();
      const lookedAfter = { ceasedLookedAfter: null };
      const [children, exclusions] = await Promise.all([
        loadJudgements(deps, lookedAfter, today),
        db.exclusion.findMany({
          where: { startDate: { gte: schoolYearBounds(schoolYearOf(today)).start, lte: today }, child: lookedAfter },
          select: { childId: true, kind: true, days: true },
        }),
      ]);
      return { asOf: today, ...statsFigures({ children, exclusions }) };
    },
  };
}
