/**
 * Which children a professional may see, as a Prisma filter so every query applies it
 * in the database. A child outside the scope is "not found", never "forbidden": the
 * answer must not confirm that the child exists. Education advisers (Virtual School staff
 * other than the Head) see the children allocated to them; the Head sees everyone.
 */
import type { IsoDate } from "../platform/dates.js";
import type { Prisma } from "../platform/db.js";
import type { Actor } from "./roles.js";

/** Open on `today`: started on or before it and not ended before it. */
export const activeOn = (today: IsoDate) => ({
  fromDate: { lte: today },
  OR: [{ toDate: null }, { toDate: { gte: today } }],
});

export function childScope(actor: Actor, today: IsoDate): Prisma.ChildWhereInput {
  switch (actor.role) {
    case "vsh":
      return {};
    case "social_worker":
    case "iro":
    case "education_adviser":
      return { allocations: { some: { professionalId: actor.id, role: actor.role, ...activeOn(today) } } };
    case "designated_teacher":
      // A DT without a school sees nobody rather than everybody.
      return { enrolments: { some: { schoolId: actor.schoolId ?? -1, ...activeOn(today) } } };
  }
}
