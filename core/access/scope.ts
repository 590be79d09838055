/**
 * Which children a professional may see, as a Prisma filter so every query applies it
 * in the database. A child outside the scope is "not found", never "forbidden": the
 * answer must not confirm that the child exists. Education advisers (Virtual School staff
 * other than the Head) see the children allocated to them; the Head sees everyone.
 */
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { IsoDate } from "../platform/dates.js";
import type { Prisma } from "../platform/db.js";
import type { DB } from "../platform/generated/kysely/types.js";
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

/**
 * The same scope for the SQL layer (core/platform/sql), as a condition on a child aliased
 * `c`. The shape is the role's kind of scope (the SQL differs); the values are bound. A test
 * checks both forms choose the same children for every role (test/integration/scope-sql.test.ts).
 */
export type ScopeShape = "everyone" | "allocated" | "school";

export function scopeShape(role: Actor["role"]): ScopeShape {
  if (role === "vsh") return "everyone";
  return role === "designated_teacher" ? "school" : "allocated";
}

export type ScopeValues = { actorId: number; actorRole: string; schoolId: number; today: IsoDate };

export const scopeValues = (actor: Actor, today: IsoDate): ScopeValues => ({
  actorId: actor.id,
  actorRole: actor.role,
  schoolId: actor.schoolId ?? -1,
  today,
});

type ChildAliased = ExpressionBuilder<DB & { c: DB["Child"] }, "c">;

export function childInScope(shape: ScopeShape, v: ScopeValues) {
  return (eb: ChildAliased): Expression<SqlBool> => {
    switch (shape) {
      case "everyone":
        return eb.lit(true);
      case "allocated":
        return eb.exists(
          eb
            .selectFrom("Allocation as a")
            .select("a.id")
            .whereRef("a.childId", "=", "c.id")
            .where("a.professionalId", "=", v.actorId)
            .where("a.role", "=", v.actorRole)
            .where("a.fromDate", "<=", v.today)
            .where((w) => w.or([w("a.toDate", "is", null), w("a.toDate", ">=", v.today)])),
        );
      case "school":
        return eb.exists(
          eb
            .selectFrom("Enrolment as e")
            .select("e.id")
            .whereRef("e.childId", "=", "c.id")
            .where("e.schoolId", "=", v.schoolId)
            .where("e.fromDate", "<=", v.today)
            .where((w) => w.or([w("e.toDate", "is", null), w("e.toDate", ">=", v.today)])),
        );
    }
  };
}
