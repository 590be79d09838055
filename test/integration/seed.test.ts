/**
 * The demo seed on real, migrated SQLite files: deterministic (two fresh databases, same
 * `today`, same rows), the scenario the README and demos promise, and any `today` works
 * (a Monday in term, a Saturday, the summer holiday). Counts are checked with queries of
 * their own, not with the seed's summary.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateUpn } from "../../core/children/upn.js";
import { HELD_STATES } from "../../core/peps/pep.rules.js";
import { addDays, schoolYearBounds, schoolYearOf } from "../../core/platform/dates.js";
import type { Db } from "../../core/platform/db.js";
import { DEMO_SIGN_INS, NAMED_CHILDREN, seedDemo } from "../../prisma/seed/index.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { misplacedMarks } from "./seed-checks.js";

const TODAY = "2026-11-23"; // a Monday in the autumn term
const LA = "999";
const open: TestDb[] = [];

async function seeded(name: string, today: string): Promise<Db> {
  const t = await createTestDb(name);
  open.push(t);
  await seedDemo(t.db, { today, laCode: LA });
  return t.db;
}

/** sha256 of every table's rows in id order, without the automatic timestamps. */
async function digest(db: Db): Promise<Record<string, string>> {
  const noStamps = { createdAt: true, updatedAt: true } as const;
  const tables: Record<string, unknown[]> = {
    schoolCalendar: await db.schoolCalendar.findMany({ orderBy: { id: "asc" } }),
    school: await db.school.findMany({ orderBy: { id: "asc" }, omit: noStamps }),
    professional: await db.professional.findMany({ orderBy: { id: "asc" }, omit: noStamps }),
    child: await db.child.findMany({ orderBy: { id: "asc" }, omit: noStamps }),
    enrolment: await db.enrolment.findMany({ orderBy: { id: "asc" } }),
    carePlacement: await db.carePlacement.findMany({ orderBy: { id: "asc" } }),
    allocation: await db.allocation.findMany({ orderBy: { id: "asc" } }),
    pep: await db.pep.findMany({ orderBy: { id: "asc" }, omit: noStamps }),
    careReview: await db.careReview.findMany({ orderBy: { id: "asc" } }),
    attendanceMark: await db.attendanceMark.findMany({
      orderBy: [{ childId: "asc" }, { date: "asc" }, { session: "asc" }],
    }),
    exclusion: await db.exclusion.findMany({ orderBy: { id: "asc" } }),
    actionLog: await db.actionLog.findMany({ orderBy: { id: "asc" } }),
  };
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      createHash("sha256").update(JSON.stringify(rows)).digest("hex"),
    ]),
  );
}

afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});

describe("demo seed on a school day", () => {
  let db: Db;
  let again: Db;
  beforeAll(async () => {
    db = await seeded("seed-a", TODAY);
    again = await seeded("seed-b", TODAY);
  });

  it("writes identical rows for the same today", async () => {
    const [a, b] = await Promise.all([digest(db), digest(again)]);
    expect(a).toEqual(b);
    expect(await db.attendanceMark.count()).toBeGreaterThan(20_000);
  });

  it("has the authority's shape: children, schools and settings, one VSH, a school for every DT", async () => {
    expect(await db.child.count()).toBe(300);
    expect(await db.school.count()).toBe(45);
    expect(await db.school.count({ where: { outOfArea: true, NOT: { localAuthority: LA } } })).toBe(10);
    expect(await db.school.count({ where: { phase: { in: ["nursery", "post16"] } } })).toBe(5);
    expect(await db.professional.count({ where: { role: "vsh" } })).toBe(1);
    expect(await db.professional.count({ where: { role: "designated_teacher", schoolId: null } })).toBe(0);
    expect(await db.professional.count({ where: { role: "designated_teacher" } })).toBe(45);
    for (const email of Object.values(DEMO_SIGN_INS)) {
      const person = await db.professional.findUnique({ where: { email } });
      expect(person?.aadObjectId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect((await db.professional.findUnique({ where: { email: DEMO_SIGN_INS.designated_teacher } }))?.schoolId).toBe(
      1,
    );
  });

  it("gives every child one social worker, one IRO and one education adviser, about 25 for sw1", async () => {
    const allocations = await db.allocation.groupBy({ by: ["role"], _count: { _all: true } });
    expect(allocations.map((a) => [a.role, a._count._all]).sort()).toEqual([
      ["education_adviser", 300],
      ["iro", 300],
      ["social_worker", 300],
    ]);
    const advisers = await db.allocation.groupBy({
      by: ["professionalId"],
      where: { role: "education_adviser" },
      _count: { _all: true },
    });
    // Three advisers share the school by turns: none carries more than half.
    expect(advisers).toHaveLength(3);
    expect(Math.max(...advisers.map((a) => a._count._all))).toBeLessThan(150);
    const sw1 = await db.allocation.count({ where: { professional: { email: "sw1@demo.local" } } });
    expect(sw1).toBeGreaterThanOrEqual(20);
    expect(sw1).toBeLessThanOrEqual(30);
  });

  it("keeps every UPN valid, a placeholder, or reported with its issue", async () => {
    const children = await db.child.findMany({ select: { upn: true, upnIssue: true } });
    for (const { upn, upnIssue } of children) {
      expect(upn).not.toBeNull();
      expect(validateUpn(upn ?? "").ok).toBe(upnIssue === null);
    }
    expect(children.filter((c) => c.upnIssue !== null)).toHaveLength(3);
    expect(children.filter((c) => c.upn === "UN1" || c.upn === "UN2").length).toBeGreaterThan(0);
  });

  it("marks registers only on school days, only while enrolled, never after today", async () => {
    expect(await misplacedMarks(db, LA)).toEqual({ notSchoolDay: 0, notEnrolled: 0 });
    expect(await db.attendanceMark.count({ where: { date: { gt: TODAY } } })).toBe(0);
  });

  it("has children without a school place, one of them placed out of area", async () => {
    const without = await db.child.findMany({
      where: { dateOfBirth: { lte: "2021-08-31" }, enrolments: { none: { toDate: null } } },
      include: { placements: { where: { toDate: null } } },
    });
    expect(without.length).toBeGreaterThanOrEqual(2);
    expect(without.some((c) => c.placements.some((p) => p.outOfArea))).toBe(true);
  });

  it("shows today's concerns: unexplained absence, overdue and due-soon PEPs, a suspension", async () => {
    const unexplained = await db.attendanceMark.findMany({
      where: { date: TODAY, code: { in: ["N", "O"] } },
      distinct: ["childId"],
    });
    expect(unexplained.length).toBeGreaterThanOrEqual(5);
    const notDone = { status: { notIn: [...HELD_STATES] } };
    expect(await db.pep.count({ where: { ...notDone, dueDate: { lt: TODAY } } })).toBeGreaterThan(0);
    expect(
      await db.pep.count({ where: { ...notDone, dueDate: { gt: TODAY, lte: addDays(TODAY, 14) } } }),
    ).toBeGreaterThan(0);
    const { start } = schoolYearBounds(schoolYearOf(TODAY));
    expect(
      await db.exclusion.count({ where: { kind: "suspension", startDate: { gte: start, lte: TODAY } } }),
    ).toBeGreaterThanOrEqual(4);
    expect(await db.careReview.count({ where: { date: { gt: TODAY, lte: addDays(TODAY, 28) } } })).toBeGreaterThan(60);
  });

  it("books what lies ahead and holds only what has happened: reviews, PEP meetings, part-time timetables", async () => {
    // A review ahead is booked, one behind was held.
    expect(await db.careReview.count({ where: { date: { gt: TODAY }, status: { not: "planned" } } })).toBe(0);
    expect(await db.careReview.count({ where: { date: { lte: TODAY }, status: { not: "held" } } })).toBe(0);
    const booked = await db.pep.findMany({ where: { status: "booked" }, select: { meetingDate: true, dueDate: true } });
    expect(booked.length).toBeGreaterThan(0);
    expect(booked.filter((p) => !p.meetingDate || p.meetingDate <= TODAY || p.meetingDate > p.dueDate)).toEqual([]);
    expect(await db.pep.count({ where: { status: "submitted" } })).toBeGreaterThan(0);
    // PP+ released against a PEP was asked for against its targets, and approved in full.
    const released = await db.pep.findMany({
      where: { ppPlusPence: { not: null }, targets: { not: null } },
      select: { ppPlusPence: true, targetList: { select: { ppRequestedPence: true, ppApprovedPence: true } } },
    });
    expect(released.length).toBeGreaterThan(0);
    for (const pep of released) {
      expect(pep.targetList.reduce((n, t) => n + t.ppRequestedPence, 0)).toBe(pep.ppPlusPence);
      expect(pep.targetList.every((t) => t.ppApprovedPence === t.ppRequestedPence)).toBe(true);
    }
    const partTime = await db.partTimeTimetable.findMany();
    const partTimeChildren = await db.attendanceMark.findMany({ where: { code: "C2" }, distinct: ["childId"] });
    expect(partTime.map((t) => t.childId).sort()).toEqual(partTimeChildren.map((m) => m.childId).sort());
    expect(partTime.every((t) => t.startDate < t.reviewDate && t.reviewDate < t.plannedEndDate)).toBe(true);
  });

  it("puts the named children with sw1, iro1 and (but Tyler) school 1", async () => {
    for (const named of NAMED_CHILDREN) {
      const child = await db.child.findFirstOrThrow({
        where: { firstName: named.firstName, lastName: named.lastName },
        include: { allocations: { include: { professional: true } }, enrolments: { where: { toDate: null } } },
      });
      expect(child.allocations.map((a) => a.professional.email).sort()).toEqual([
        "ea1@demo.local",
        "iro1@demo.local",
        "sw1@demo.local",
      ]);
      expect(child.enrolments.map((e) => e.schoolId)).toEqual(named.key === "tylerBrooks" ? [] : [1]);
    }
    expect(await db.child.count({ where: { firstName: "Jordan" } })).toBe(2);
  });
});

describe("demo seed on other days", () => {
  it.each([
    ["a Saturday in term", "2026-11-28", "2026-11-27"],
    ["the summer holiday", "2027-08-10", "2027-07-22"],
    ["a leap day", "2028-02-29", "2028-02-29"],
  ])(
    "works on %s",
    async (_label, today, lastSchoolDay) => {
      const db = await seeded(`seed-${today}`, today);
      expect(await db.child.count()).toBe(300);
      const latest = await db.attendanceMark.findFirst({ orderBy: { date: "desc" } });
      expect(latest?.date).toBe(lastSchoolDay);
      expect(await misplacedMarks(db, LA)).toEqual({ notSchoolDay: 0, notEnrolled: 0 });
      expect(
        await db.pep.count({ where: { dueDate: { lt: today }, status: { notIn: [...HELD_STATES] } } }),
      ).toBeGreaterThan(0);
    },
    30_000,
  );
});
