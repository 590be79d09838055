/**
 * One judgement per rule: who may see which child is written twice, as a Prisma filter
 * (childScope, for ordinary reads) and as a condition of the SQL layer (childInScope, for
 * the status facts' one statement). For every professional of the small authority, on
 * days around the allocations' and enrolments' edges, both choose the same children.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/roles.js";
import { childInScope, childScope, scopeShape, scopeValues } from "../../core/access/scope.js";
import { createCalendarRepo } from "../../core/calendar/calendar.repo.js";
import { loadChildFacts } from "../../core/children/child.facts.js";
import { sqlOf } from "../../core/platform/sql/index.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { buildSmallAuthority, type Fixture } from "../support/factories.js";

const DAYS = [
  "2024-01-14",
  "2024-01-15",
  "2025-12-31",
  "2026-01-01",
  "2026-01-02",
  "2026-07-20",
  "2026-07-21",
  "2026-11-23",
];

describe("the SQL layer's scope agrees with the Prisma filter", () => {
  let t: TestDb;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestDb("scope-sql");
    f = await buildSmallAuthority(t.db);
    // An enrolment that ends, for the designated teachers' edges.
    await t.db.enrolment.create({
      data: { childId: f.tyler.id, schoolId: f.schoolB.id, fromDate: "2024-01-15", toDate: "2026-01-01" },
    });
  });
  afterAll(async () => t?.close());

  const actors = (): Actor[] =>
    [f.vsh, f.sw1, f.sw2, f.dtA, f.dtB, f.iro1, f.ea1].map((p) => ({
      id: p.id,
      role: p.role as Actor["role"],
      schoolId: p.schoolId,
      name: p.name,
      channel: "api",
    }));

  it("chooses the same children for every professional on every edge day", async () => {
    const engine = sqlOf(t.db);
    let compared = 0;
    for (const actor of actors()) {
      for (const today of DAYS) {
        const byPrisma = (await t.db.child.findMany({ where: childScope(actor, today), select: { id: true } }))
          .map((c) => c.id)
          .sort();
        const bySql = (
          await engine.db
            .selectFrom("Child as c")
            .where(childInScope(scopeShape(actor.role), scopeValues(actor, today)))
            .select("c.id")
            .execute()
        )
          .map((c) => c.id)
          .sort();
        expect(bySql, `${actor.role} ${actor.id} on ${today}`).toEqual(byPrisma);
        compared += byPrisma.length;
      }
    }
    // Not a comparison of empty sets: the days and roles see children.
    expect(compared).toBeGreaterThan(40);
  });

  it("loads a child's facts only inside the scope, the same child either way", async () => {
    const calendars = createCalendarRepo(t.db, "999");
    const [vsh, sw1, , dtA] = actors() as [Actor, Actor, Actor, Actor];
    expect((await loadChildFacts(t.db, calendars, vsh, f.amira.id, "2026-11-23"))?.child.firstName).toBe("Amira");
    expect(await loadChildFacts(t.db, calendars, sw1, f.amira.id, "2026-11-23")).toBeNull();
    expect((await loadChildFacts(t.db, calendars, sw1, f.jordan.id, "2026-11-23"))?.child.lastName).toBe("Smith");
    // Leah left school A in July: its DT saw her then, not now.
    expect((await loadChildFacts(t.db, calendars, dtA, f.leah.id, "2026-07-20"))?.child.id).toBe(f.leah.id);
    expect(await loadChildFacts(t.db, calendars, dtA, f.leah.id, "2026-11-23")).toBeNull();
  });
});
