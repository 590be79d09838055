/** The project's own migration runner, on real SQLite files. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrateSqlite } from "../../core/platform/migrate.js";

const dir = mkdtempSync(join(tmpdir(), "vs-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("migration runner", () => {
  it("applies every committed migration once, recording them as Prisma does", () => {
    const url = `file:${join(dir, "a", "db.sqlite")}`;
    const first = migrateSqlite(url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(migrateSqlite(url)).toEqual({ applied: [], alreadyApplied: first.applied.length });

    const db = new Database(join(dir, "a", "db.sqlite"));
    const rows = db.prepare(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`).all() as Record<
      string,
      unknown
    >[];
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*\+00:00$/);
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["Child", "AttendanceMark", "AuditEvent"]));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("refuses a migration that was edited after it was applied", () => {
    const migrations = join(dir, "edited-migrations");
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    const url = `file:${join(dir, "b.sqlite")}`;
    const [name] = migrateSqlite(url, migrations).applied;
    writeFileSync(join(migrations, name!, "migration.sql"), "-- changed\n", { flag: "a" });
    expect(() => migrateSqlite(url, migrations)).toThrow(/was changed after it was applied/);
  });

  it("rolls back a failing migration whole and records nothing for it", () => {
    const migrations = join(dir, "broken-migrations");
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    const broken = join(migrations, "99999999999999_broken");
    mkdirSync(broken);
    writeFileSync(join(broken, "migration.sql"), `CREATE TABLE "Half" ("id" INTEGER);\nNOT SQL;`);
    const url = `file:${join(dir, "c.sqlite")}`;
    expect(() => migrateSqlite(url, migrations)).toThrow();
    const db = new Database(join(dir, "c.sqlite"));
    const half = db.prepare("SELECT name FROM sqlite_master WHERE name = 'Half'").all();
    const recorded = db.prepare(`SELECT migration_name FROM "_prisma_migrations"`).all() as {
      migration_name: string;
    }[];
    db.close();
    expect(half).toEqual([]);
    expect(recorded.map((r) => r.migration_name)).not.toContain("99999999999999_broken");
  });
});
