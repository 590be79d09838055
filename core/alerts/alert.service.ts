/**
 * Alerts as a person sees them: those delivered (or due to be delivered) to them, still
 * open, about children they may still see.
 */
import type { Actor } from "../access/roles.js";
import { childScope } from "../access/scope.js";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db.js";

export const OPEN_STATUSES = ["open", "snoozed"];

export function createAlertService(db: Db, clock: Clock) {
  return {
    async openFor(actor: Actor) {
      const rows = await db.alert.findMany({
        where: {
          status: { in: OPEN_STATUSES },
          deliveries: { some: { professionalId: actor.id } },
          child: childScope(actor, clock.today()),
        },
        orderBy: [{ severity: "desc" }, { raisedAt: "desc" }],
        take: 50,
        select: {
          id: true,
          rule: true,
          period: true,
          severity: true,
          status: true,
          raisedAt: true,
          child: { select: { id: true, firstName: true, lastName: true } },
        },
      });
      return rows;
    },
  };
}
export type AlertService = ReturnType<typeof createAlertService>;
