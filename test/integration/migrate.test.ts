/** The project's own migration runner, on real SQLite files and real PostgreSQL databases. */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, PG_MIGRATIONS_DIR, sqlitePath } from "../../core/platform/migrate.js";
import { createPgDatabase, dropPgDatabase, pgAvailable } from "../support/pg.js";

const dir = mkdtempSync(join(tmpdir(), "vs-migrate-"));
const pgDatabases: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all(pgDatabases.map(dropPgDatabase));
});

type Rows = Record<string, unknown>[];
/** One engine as the tests see it: a fresh database, a query on it, its migrations folder. */
type Engine = {
  name: string;
  migrations: string;
  fresh(label: string): Promise<string>;
  query(url: string, sql: string): Promise<Rows>;
  /** SQL that keeps the database busy for a moment, to widen the window of a race. */
  slowSql: string;
};

const sqlite: Engine = {
  name: "SQLite",
  migrations: MIGRATIONS_DIR,
  fresh: async (label) => `file:${join(dir, label, "db.sqlite")}`,
  async query(url, sql) {
    const db = new Database(sqlitePath(url), { readonly: true });
    try {
      return db.prepare(sql).all() as Rows;
    } finally {
      db.close();
    }
  },
  slowSql: `CREATE TABLE "Filler" AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300000) SELECT x FROM n;`,
};

const postgres: Engine = {
  name: "PostgreSQL",
  migrations: PG_MIGRATIONS_DIR,
  async fresh(label) {
    const url = await createPgDatabase(`migrate_${label}`);
    pgDatabases.push(url);
    return url;
  },
  async query(url, sql) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  },
  slowSql: `SELECT pg_sleep(0.3);\nCREATE TABLE "Filler" ("x" INTEGER);`,
};

const hasPg = await pgAvailable();
if (!hasPg) console.log("PostgreSQL is not reachable at TEST_PG_URL: its migration tests are skipped.");

/** A copy of `from` with extra migrations after the committed ones. */
function withExtra(from: string, label: string, extra: Record<string, string>): string {
  const to = join(dir, `${label}-migrations`);
  cpSync(from, to, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(join(to, name));
    writeFileSync(join(to, name, "migration.sql"), sql);
  }
  return to;
}

/** Starts a process that migrates `url` from `folder` when told to; resolves once it is ready. */
function migrator(url: string, folder: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "test/support/migrate-child.ts", url, folder],
    {
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, output })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => (output.includes("ready") ? resolve() : undefined);
    child.stdout?.on("data", check);
    exited.then(({ output }) => reject(new Error(`migrator exited before it was ready:\n${output}`)));
  });
  return { ready, exited, go: () => child.stdin?.end("go\n") };
}

describe.each([sqlite, ...(hasPg ? [postgres] : [])])("migration runner on $name", (engine) => {
  it("applies every committed migration once, recording them as Prisma does", async () => {
    const url = await engine.fresh("once");
    const first = await migrate(url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: first.applied.length });

    const rows = await engine.query(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeTruthy();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await engine.query(
      url,
      engine === sqlite
        ? "SELECT name FROM sqlite_master WHERE type = 'table'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["Child", "AttendanceMark", "AuditEvent"]));
    if (engine === sqlite) {
      expect(rows[0]?.finished_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*\+00:00$/);
      expect(await engine.query(url, "PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    }
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const migrations = withExtra(engine.migrations, `${engine.name}-edited`, {});
    const url = await engine.fresh("edited");
    const [name] = (await migrate(url, migrations)).applied;
    writeFileSync(join(migrations, name!, "migration.sql"), "-- changed\n", { flag: "a" });
    await expect(migrate(url, migrations)).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls back a failing migration whole and records nothing for it", async () => {
    const migrations = withExtra(engine.migrations, `${engine.name}-broken`, {
      "99999999999999_broken": `CREATE TABLE "Half" ("id" INTEGER);\nNOT SQL;`,
    });
    const url = await engine.fresh("broken");
    await expect(migrate(url, migrations)).rejects.toThrow();
    const half = await engine.query(
      url,
      engine === sqlite
        ? "SELECT name FROM sqlite_master WHERE name = 'Half'"
        : "SELECT table_name FROM information_schema.tables WHERE table_name = 'Half'",
    );
    const recorded = await engine.query(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(half).toEqual([]);
    expect(recorded.map((r) => r.migration_name)).not.toContain("99999999999999_broken");
    expect(recorded.length).toBeGreaterThan(0);
  });

  it("applies each migration once when two processes start together on a fresh database", async () => {
    // A slow first step, so the second process arrives while the first is migrating.
    const migrations = withExtra(engine.migrations, `${engine.name}-race`, {
      "00000000000000_slow": engine.slowSql,
      "99999999999999_last": `CREATE TABLE "Last" ("x" INTEGER);`,
    });
    const url = await engine.fresh("race");
    const both = [migrator(url, migrations), migrator(url, migrations)];
    await Promise.all(both.map((m) => m.ready));
    for (const m of both) m.go();
    const results = await Promise.all(both.map((m) => m.exited));
    for (const r of results) expect(r, r.output).toMatchObject({ code: 0 });

    const rows = await engine.query(
      url,
      `SELECT migration_name, COUNT(*) AS n FROM "_prisma_migrations" GROUP BY migration_name`,
    );
    const expected = readdirSync(migrations, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(rows).toHaveLength(expected.length);
    for (const row of rows) expect(Number(row.n)).toBe(1);
    // Between them, the two applied every migration exactly once.
    const applied = results.flatMap(
      (r) => (JSON.parse(r.output.split("\n").find((l) => l.startsWith("{"))!) as { applied: string[] }).applied,
    );
    expect(applied.sort()).toEqual(expected.map((e) => e.name).sort());
  }, 60_000);
});
