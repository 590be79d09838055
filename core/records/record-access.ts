import { type Actor, type Role, requireRole } from "../access/roles.js";
import { childScope } from "../access/scope.js";
import type { IsoDate } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { DomainError, notFound } from "../platform/errors.js";

/** A validation failure on one field, as the API and the bot show it. */
export function invalid(field: string, message: string, detail: string): DomainError {
  return new DomainError("validation", detail, [{ field, message }]);
}

export { parseInput } from "../platform/validation.js";

/** True for the database's unique-constraint failure (Prisma P2002). */
export const isUniqueViolation = (err: unknown): boolean => (err as { code?: unknown })?.code === "P2002";

export type ScopedChild = {
  id: number;
  lookedAfterSince: IsoDate | null;
  senStatus: string;
  senSince: IsoDate | null;
};

/**
 * The child, when `actor` may see them today and holds one of `roles`: not found outside
 * the scope (naming `what` the caller asked for: a review asked for by its id is "No
 * care-plan review found"), forbidden inside it for any other role.
 */
export async function childFor(
  db: Db,
  actor: Actor,
  childId: number,
  today: IsoDate,
  roles: readonly Role[],
  what = "child",
): Promise<ScopedChild> {
  const child = await db.child.findFirst({
    where: { AND: [{ id: childId }, childScope(actor, today)] },
    select: { id: true, lookedAfterSince: true, senStatus: true, senSince: true },
  });
  if (!child) throw notFound(what);
  requireRole(actor, ...roles);
  return child;
}

/** The school the child was on roll at on `date` (the latest-starting place covering it). */
export async function schoolOn(db: Db, childId: number, date: IsoDate) {
  const place = await db.enrolment.findFirst({
    where: { childId, fromDate: { lte: date }, OR: [{ toDate: null }, { toDate: { gte: date } }] },
    orderBy: [{ fromDate: "desc" }, { id: "desc" }],
    select: { school: { select: { id: true, name: true } } },
  });
  return place?.school ?? null;
}

/** The record already holds something this would contradict or repeat. */
export const conflict = (message: string): DomainError => new DomainError("conflict", message);
