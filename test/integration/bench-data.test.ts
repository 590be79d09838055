/**
 * The benchmarks' authority (bench/data.ts) written on either engine: the same rows on
 * SQLite and on PostgreSQL, and PostgreSQL's id sequences past the copies (a row added
 * afterwards gets a new id). Skipped, saying so, when no PostgreSQL answers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeBenchAuthority } from "../../bench/data.js";
import { createDb } from "../../core/platform/db.js";
import { migrate } from "../../core/platform/migrate.js";
import { createPgDatabase, dropPgDatabase, pgAvailable } from "../support/pg.js";

const hasPg = await pgAvailable();
if (!hasPg) console.log("bench-data: PostgreSQL half skipped, no server at TEST_PG_URL");

describe("the benchmarks' authority", () => {
  const dir = mkdtempSync(join(tmpdir(), "vs-bench-data-"));
  const dropped: string[] = [];
  afterAll(async () => {
    for (const url of dropped) await dropPgDatabase(url);
    rmSync(dir, { recursive: true, force: true });
  });
  const opts = { children: 150, today: "2026-11-23" } as const;

  it.skipIf(!hasPg)("is the same on SQLite and PostgreSQL", { timeout: 120_000 }, async () => {
    const sqlite = `file:${join(dir, "bench.db")}`;
    const pg = await createPgDatabase("bench_data");
    dropped.push(pg);
    await Promise.all([migrate(sqlite), migrate(pg)]);
    const onSqlite = await writeBenchAuthority(sqlite, opts);
    const onPg = await writeBenchAuthority(pg, opts);
    expect(onSqlite.children).toBe(150);
    expect(onSqlite.marks).toBeGreaterThan(10_000);
    expect(onPg).toEqual(onSqlite);

    const db = await createDb(pg);
    try {
      const names = await db.child.findMany({ where: { id: { in: [1, 150] } }, orderBy: { id: "asc" } });
      expect(names.map((c) => [c.localId, c.firstName, c.lastName])).toEqual([
        ["B1", "Child1", "Bench1"],
        ["B150", "Child150", "Bench150"],
      ]);
      const child = await db.child.create({
        data: {
          localId: "NEW",
          firstName: "New",
          lastName: "Child",
          dateOfBirth: "2015-01-01",
          placingAuthority: "999",
          createdAt: new Date("2026-11-23T08:00:00Z"),
          updatedAt: new Date("2026-11-23T08:00:00Z"),
        },
      });
      expect(child.id).toBeGreaterThan(150);
      const schools = new Set((await db.school.findMany({ select: { urn: true } })).map((s) => s.urn));
      expect(schools.size).toBe(onPg.schools);
    } finally {
      await db.$disconnect();
    }
  });
});
