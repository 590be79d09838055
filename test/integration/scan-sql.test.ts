/**
 * The scan reads its cohort through the SQL layer (core/alerts/scan.sql.ts); ordinary
 * reads (lists, stats) use the Prisma filter `cohortWhere`. One rule: on every day around
 * the care periods' edges both choose the same children, for everyone and for a list.
 * On PostgreSQL the scan's ten bulk reads hold one connection of the pool, not the pool.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScanFacts } from "../../core/alerts/scan.repo.js";
import { cohortIds } from "../../core/alerts/scan.sql.js";
import { cohortWhere } from "../../core/children/care.js";
import { createDb } from "../../core/platform/db.js";
import { sqlOf } from "../../core/platform/sql/index.js";
import { defaultPolicy } from "../../core/policy.js";
import { createTestDb, TEST_ENGINE, type TestDb } from "../support/db.js";
import { createTestChild } from "../support/factories.js";

const DAYS = ["2023-12-31", "2024-01-15", "2024-06-01", "2025-03-31", "2025-04-01", "2026-11-23"];

describe("the scan's cohort agrees with cohortWhere", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("scan-sql");
    const kinds = [
      {},
      { lookedAfterSince: null },
      { lookedAfterSince: "2024-06-01" },
      { ceasedLookedAfter: "2025-04-01" },
      { ceasedLookedAfter: "2025-03-31", ceasedReason: "E11" },
      { legalStatus: "V3" },
      { legalStatus: "v4" },
      { legalStatus: null },
      { legalStatus: "V2" },
    ];
    for (const [i, kind] of kinds.entries()) {
      await createTestChild(t.db, { localId: `S${i}`, firstName: "C", lastName: `${i}`, serial: i + 1, ...kind });
    }
  });
  afterAll(async () => t?.close());

  it("chooses the same children on every edge day, for everyone and for a list", async () => {
    const engine = sqlOf(t.db);
    let seen = 0;
    for (const today of DAYS) {
      const byPrisma = (await t.db.child.findMany({ where: cohortWhere(today), select: { id: true } }))
        .map((c) => c.id)
        .sort((a, b) => a - b);
      const args = { today, childIds: JSON.stringify([1, 3, 4, 6, 8]), from: today, to: today };
      const everyone = (await cohortIds(engine.db, args, engine, "everyone").execute()).map((c) => c.id);
      const some = (await cohortIds(engine.db, args, engine, "some").execute()).map((c) => c.id);
      expect(
        everyone.sort((a, b) => a - b),
        today,
      ).toEqual(byPrisma);
      expect(
        some.sort((a, b) => a - b),
        today,
      ).toEqual(byPrisma.filter((id) => [1, 3, 4, 6, 8].includes(id)));
      seen += byPrisma.length;
    }
    expect(seen).toBeGreaterThan(10);
  });
});

// SQLite's layer has one connection whatever happens.
describe.runIf(TEST_ENGINE === "postgres")("the scan's bulk reads", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("scan-pool");
    for (const i of [1, 2, 3]) {
      await createTestChild(t.db, { localId: `P${i}`, firstName: "C", lastName: `${i}`, serial: i });
    }
  });
  afterAll(async () => t?.close());

  it("run on two connections of the pool (the marks beside the cohort), not on as many as it has (whose wait gives up: DatabaseBusy)", async () => {
    // A client of its own: its pool opens connections only for these reads.
    const db = await createDb(t.url, { poolSize: 5 });
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    // Connections to the database but this one: the scan client's are the ones added (idle in its pool after).
    const connections = async () =>
      (
        await admin.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
      ).rows[0]?.n ?? 0;
    try {
      const before = await connections();
      const facts = await loadScanFacts(db, "2026-11-23", defaultPolicy);
      expect(facts).toHaveLength(3);
      expect((await connections()) - before).toBe(2);
    } finally {
      await admin.end();
      await db.$disconnect();
    }
  });
});
