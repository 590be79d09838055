/**
 * Writes a SeedPlan in one transaction: either the whole demo authority is there or
 * none of it. Parents are written first and their new ids mapped back onto the plan's
 * natural keys (school position, e-mail, child position).
 */

import type { Db, Prisma } from "../../core/platform/db.js";
import type { Dialect } from "../../core/platform/sql/dialect/index.js";
import { sqlOf } from "../../core/platform/sql/index.js";
import { insertRows } from "./bulk.js";
import { targetRowsFor } from "./pep-content.js";
import type { SeedPlan } from "./types.js";

/** Rows written per table, keyed like the Prisma client's delegates. */
export type SeedSummary = {
  schoolCalendar: number;
  school: number;
  professional: number;
  child: number;
  enrolment: number;
  carePlacement: number;
  allocation: number;
  pep: number;
  careReview: number;
  attendanceMark: number;
  exclusion: number;
  pepTarget: number;
  partTimeTimetable: number;
  actionLog: number;
};

/** Id of the row at position `i`; a miss is a bug in the plan, so fail loudly. */
function idAt(ids: readonly number[], i: number | null, what: string): number {
  const id = i === null ? undefined : ids[i];
  if (id === undefined) throw new Error(`seed plan refers to a missing ${what} (${i})`);
  return id;
}

export async function writePlan(db: Db, plan: SeedPlan): Promise<SeedSummary> {
  const { dialect } = sqlOf(db);
  return db.$transaction(async (tx) => write(tx, plan, dialect), { timeout: 120_000, maxWait: 10_000 });
}

async function write(tx: Prisma.TransactionClient, plan: SeedPlan, dialect: Dialect): Promise<SeedSummary> {
  await tx.schoolCalendar.createMany({ data: plan.calendar });

  const schoolRows = await tx.school.createManyAndReturn({ data: plan.schools, select: { id: true, urn: true } });
  const schoolByUrn = new Map(schoolRows.map((s) => [s.urn, s.id]));
  const schoolIds = plan.schools.map((s) => schoolByUrn.get(s.urn) ?? -1);
  const school = (i: number) => idAt(schoolIds, i, "school");

  const professionalRows = await tx.professional.createManyAndReturn({
    data: plan.professionals.map(({ school: at, ...p }) => ({ ...p, schoolId: at === null ? null : school(at) })),
    select: { id: true, email: true },
  });
  const professionalByEmail = new Map(professionalRows.map((p) => [p.email, p.id]));
  const professional = (email: string) => {
    const id = professionalByEmail.get(email);
    if (id === undefined) throw new Error(`seed plan refers to a missing professional (${email})`);
    return id;
  };

  const childRows = await tx.child.createManyAndReturn({ data: plan.children, select: { id: true, localId: true } });
  const childByLocalId = new Map(childRows.map((c) => [c.localId, c.id]));
  const childIds = plan.children.map((c) => childByLocalId.get(c.localId) ?? -1);
  const child = (i: number) => idAt(childIds, i, "child");

  const enrolment = await insertRows(
    tx,
    dialect,
    "Enrolment",
    ["childId", "schoolId", "fromDate", "toDate", "yearGroup"],
    plan.enrolments.map((e) => [child(e.child), school(e.school), e.fromDate, e.toDate, e.yearGroup]),
  );
  const carePlacement = await insertRows(
    tx,
    dialect,
    "CarePlacement",
    ["childId", "placementType", "fromDate", "toDate", "outOfArea", "placementUrn"],
    plan.placements.map((p) => [child(p.child), p.placementType, p.fromDate, p.toDate, p.outOfArea, p.placementUrn]),
  );
  const allocation = await insertRows(
    tx,
    dialect,
    "Allocation",
    ["childId", "professionalId", "role", "fromDate", "toDate"],
    plan.allocations.map((a) => [child(a.child), professional(a.email), a.role, a.fromDate, null]),
  );
  const careReview = await insertRows(
    tx,
    dialect,
    "CareReview",
    ["childId", "date", "code", "status"],
    plan.reviews.map((r) => [child(r.child), r.date, r.code, r.status]),
  );
  const attendanceMark = await insertRows(
    tx,
    dialect,
    "AttendanceMark",
    ["childId", "date", "session", "code", "schoolId"],
    plan.marks.map((m) => [child(m.child), m.date, m.session, m.code, school(m.school)]),
  );
  const pep = await tx.pep.createMany({ data: plan.peps.map(({ child: c, ...p }) => ({ ...p, childId: child(c) })) });
  const pepIds = new Map(
    (await tx.pep.findMany({ select: { id: true, childId: true, term: true } })).map((p) => [
      `${p.childId}|${p.term}`,
      p.id,
    ]),
  );
  const pepTarget = await tx.pepTarget.createMany({
    data: plan.peps.flatMap((p) =>
      targetRowsFor(p).map((t) => ({ ...t, pepId: pepIds.get(`${child(p.child)}|${p.term}`) ?? 0 })),
    ),
  });
  const exclusion = await tx.exclusion.createMany({
    data: plan.exclusions.map(({ child: c, school: s, ...x }) => ({ ...x, childId: child(c), schoolId: school(s) })),
  });
  const partTimeTimetable = await tx.partTimeTimetable.createMany({
    data: plan.partTime.map(({ child: c, school: s, ...t }) => ({ ...t, childId: child(c), schoolId: school(s) })),
  });
  const actionLog = await tx.actionLog.createMany({
    data: plan.actions.map(({ child: c, email, ...a }) => ({
      ...a,
      childId: child(c),
      professionalId: professional(email),
    })),
  });

  return {
    schoolCalendar: plan.calendar.length,
    school: schoolRows.length,
    professional: professionalRows.length,
    child: childRows.length,
    enrolment,
    carePlacement,
    allocation,
    pep: pep.count,
    careReview,
    attendanceMark,
    exclusion: exclusion.count,
    pepTarget: pepTarget.count,
    partTimeTimetable: partTimeTimetable.count,
    actionLog: actionLog.count,
  };
}
