/**
 * The team around a child today: the school they are on roll at, its designated teachers,
 * and the professionals allocated to them (social worker, IRO, education adviser). Scoped
 * to the caller and audited as a read of the child's record, like ChildService.get.
 */
import { type AuditLog, createAuditLog } from "../access/audit.js";
import type { Actor } from "../access/roles.js";
import { activeOn, childScope } from "../access/scope.js";
import type { Clock } from "../platform/clock.js";
import type { IsoDate } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { notFound } from "../platform/errors.js";
import { sqlOf } from "../platform/sql/index.js";
import { loadTeamRows } from "./team.sql.js";

export type TeamMember = { name: string; email: string };

export type ChildTeam = {
  child: { id: number; firstName: string; lastName: string };
  school: { id: number; name: string } | null;
  designatedTeachers: TeamMember[];
  socialWorkers: TeamMember[];
  iros: TeamMember[];
  educationAdvisers: TeamMember[];
};

export async function childTeam(
  deps: { db: Db; clock: Clock; audit?: AuditLog },
  actor: Actor,
  id: number,
): Promise<ChildTeam> {
  const { db, clock, audit = createAuditLog(deps.db) } = deps;
  const today = clock.today();
  const child = await db.child.findFirst({
    where: { AND: [{ id }, childScope(actor, today)] },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      enrolments: {
        where: activeOn(today),
        orderBy: { fromDate: "desc" },
        take: 1,
        select: { school: { select: { id: true, name: true } } },
      },
    },
  });
  if (!child) throw notFound("child");
  const team = await teamOf(db, today, child, child.enrolments[0]?.school ?? null);
  await audit.record(actor, "read_child", [child.id]);
  return team;
}

/**
 * The team around a child the caller has already found in their scope (the caller audits
 * the read): `school` is the one they are on roll at today, if any. One statement
 * (team.sql.ts): the school's designated teachers and the allocations with their
 * professionals; only active people are named.
 */
export async function teamOf(
  db: Db,
  today: IsoDate,
  child: { id: number; firstName: string; lastName: string },
  school: { id: number; name: string } | null,
): Promise<ChildTeam> {
  const rows = await loadTeamRows(sqlOf(db), child.id, school?.id ?? null, today);
  const named = ({ name, email }: TeamMember) => ({ name, email });
  const allocated = (role: string) => rows.allocations.filter((a) => a.role === role && a.active).map(named);
  return {
    child: { id: child.id, firstName: child.firstName, lastName: child.lastName },
    school: school ? { id: school.id, name: school.name } : null,
    designatedTeachers: rows.designatedTeachers.filter((d) => d.active).map(named),
    socialWorkers: allocated("social_worker"),
    iros: allocated("iro"),
    educationAdvisers: allocated("education_adviser"),
  };
}
