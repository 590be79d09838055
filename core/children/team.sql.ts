/**
 * The people around a child today in ONE prepared statement: the designated teachers of
 * the school they are on roll at and the professionals allocated to them, each list a
 * JSON array built by the database. Through Prisma this was three queries (the teachers,
 * the allocations, then their professionals), each paying the client's overhead and, on
 * PostgreSQL, a round trip; the bot's status turn waits for all of them.
 */
import { z } from "zod";
import type { IsoDate } from "../platform/dates.js";
import type { Engine } from "../platform/sql/index.js";
import { prepared } from "../platform/sql/prepared.js";
import { flag, jsonArray } from "../platform/sql/values.js";

type TeamArgs = { childId: number; schoolId: number; today: IsoDate };

// `active` is read, not filtered on: SQLite keeps it as 0/1, PostgreSQL as a boolean.
const teamQuery = prepared<TeamArgs, Record<string, unknown>>((db, p, { jsonArrayFrom }) =>
  db.selectNoFrom((eb) => [
    jsonArrayFrom(
      eb
        .selectFrom("Professional as d")
        .where("d.schoolId", "=", p.schoolId)
        .where("d.role", "=", "designated_teacher")
        .orderBy("d.name")
        .select(["d.name", "d.email", "d.active"]),
    ).as("designatedTeachers"),
    jsonArrayFrom(
      eb
        .selectFrom("Allocation as a")
        .innerJoin("Professional as pr", "pr.id", "a.professionalId")
        .where("a.childId", "=", p.childId)
        .where("a.fromDate", "<=", p.today)
        .where((w) => w.or([w("a.toDate", "is", null), w("a.toDate", ">=", p.today)]))
        .orderBy("a.id")
        .select(["a.role", "pr.name", "pr.email", "pr.active"]),
    ).as("allocations"),
  ]),
);

const person = { name: z.string(), email: z.string(), active: flag };
const teamSchema = z.object({
  designatedTeachers: jsonArray(z.object(person)),
  allocations: jsonArray(z.object({ role: z.string(), ...person })),
});
export type TeamRows = z.infer<typeof teamSchema>;

/**
 * The designated teachers (active or not, by name) of `schoolId` (null: none) and the
 * allocations open on `today` for `childId` with their professionals (in the order they
 * were made).
 */
export async function loadTeamRows(
  engine: Engine,
  childId: number,
  schoolId: number | null,
  today: IsoDate,
): Promise<TeamRows> {
  const rows = await teamQuery(engine, { childId, schoolId: schoolId ?? -1, today });
  return teamSchema.parse(rows[0]);
}
