/**
 * Applies the committed migrations (prisma/migrations/<name>/migration.sql) in name
 * order, each inside a transaction, recording them in `_prisma_migrations` exactly as
 * Prisma's own engine does, so `prisma migrate status` agrees. Needs no Prisma engine:
 * that is why start-up and tests can run on a machine that reaches only the npm
 * registry. SQLite only for now (PostgreSQL: see README).
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { recordedAtText } from "./clock.js";

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/** Path of the SQLite file behind a `file:` URL (relative paths are from the working directory). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:(\/\/)?/, "").split("?")[0] ?? "";
}

export function migrateSqlite(url: string, dir = MIGRATIONS_DIR): MigrationResult {
  const file = sqlitePath(url);
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    // WAL lets the API read while a job writes; it is a property of the file.
    db.pragma("journal_mode = WAL");
    db.exec(MIGRATIONS_TABLE);
    const done = new Map(
      db
        .prepare(
          `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
        )
        .all()
        .map((r) => {
          const row = r as { migration_name: string; checksum: string };
          return [row.migration_name, row.checksum] as const;
        }),
    );
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const applied: string[] = [];
    for (const name of names) {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      const startedAt = recordedAtText();
      db.transaction(() => {
        db.exec(sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), checksum, recordedAtText(), name, startedAt);
      })();
      applied.push(name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    db.close();
  }
}

/** Applies migrations for any supported DATABASE_URL. */
export function migrate(url: string): MigrationResult {
  if (url.startsWith("file:")) return migrateSqlite(url);
  throw new Error("Only SQLite (file:) databases are migrated by this build; see README, PostgreSQL.");
}
