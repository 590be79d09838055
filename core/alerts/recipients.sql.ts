/**
 * Who may receive alerts today, read on the SQL layer as plain rows: the allocations open
 * today (for everyone, or for the children in a bound JSON list), the designated teachers
 * with a school, and the Virtual School Heads. Through Prisma a 10,000-child scan paid the
 * client's cost on each of its ~30,000 allocations. `active` is read, not filtered on
 * (SQLite keeps it as 0/1, PostgreSQL as a boolean): only active people are returned.
 * Rows come in order of id, so each child's and each school's people keep one order.
 */
import type { IsoDate } from "../platform/dates.js";
import type { Engine } from "../platform/sql/index.js";
import { prepared } from "../platform/sql/prepared.js";

type Who = "everyone" | "some";

const allocations = prepared<
  { today: IsoDate; childIds: string },
  { childId: number; professionalId: number; role: string; active: unknown },
  Who
>((db, p, engine, who) => {
  let q = db
    .selectFrom("Allocation as a")
    .innerJoin("Professional as pr", "pr.id", "a.professionalId")
    .select(["a.childId", "a.professionalId", "a.role", "pr.active"])
    .where("a.fromDate", "<=", p.today)
    .where((eb) => eb.or([eb("a.toDate", "is", null), eb("a.toDate", ">=", p.today)]));
  if (who === "some") q = q.where("a.childId", "in", engine.idsIn(p.childIds));
  return q.orderBy("a.id");
});

const people = prepared<
  { role: string },
  { id: number; schoolId: number | null; active: unknown },
  "any school" | "with a school"
>((db, p, _engine, schools) => {
  const q = db.selectFrom("Professional").select(["id", "schoolId", "active"]).where("role", "=", p.role);
  return (schools === "with a school" ? q.where("schoolId", "is not", null) : q).orderBy("id");
});

const active = <T extends { active: unknown }>(rows: T[]): T[] => rows.filter((r) => Boolean(r.active));

/** The allocations open today (of `childIds`, or everyone's), the DTs with a school, and the VSHs; active people only. */
export async function readRecipients(engine: Engine, today: IsoDate, childIds?: readonly number[]) {
  // Three short reads: one connection (a new one costs more than the reads), not three.
  const [allocated, teachers, heads] = await engine.onOneConnection((one) =>
    Promise.all([
      allocations(one, { today, childIds: JSON.stringify(childIds ?? []) }, childIds ? "some" : "everyone"),
      people(one, { role: "designated_teacher" }, "with a school"),
      people(one, { role: "vsh" }, "any school"),
    ]),
  );
  return {
    allocations: active(allocated).map((a) => ({
      childId: Number(a.childId),
      professionalId: Number(a.professionalId),
      role: a.role,
    })),
    teachers: active(teachers).map((t) => ({
      id: Number(t.id),
      schoolId: t.schoolId === null ? null : Number(t.schoolId),
    })),
    heads: active(heads).map((h) => ({ id: Number(h.id) })),
  };
}
