/**
 * The migration runner's SQLite side (see migrate.ts). Each migration is applied in an
 * IMMEDIATE transaction, which takes SQLite's write lock before it reads: a second process
 * starting at the same moment waits for the lock, then finds the migration recorded and
 * skips it.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { recordedAtText } from "./clock.js";
import { MIGRATIONS_DIR, type MigrationResult, type MigrationStore, runMigrations, sqlitePath } from "./migrate.js";
import { whenLockFree } from "./sqlite-connection.js";

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

const FINISHED = `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`;

/** How long start-up waits for another process's migration (it holds the write lock meanwhile). */
const LOCK_WAIT_MS = 60_000;

export async function migrateSqlite(url: string, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const file = sqlitePath(url);
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  // Migrating happens before a process serves anything: waiting synchronously is harmless.
  const db = new Database(file, { timeout: LOCK_WAIT_MS });
  try {
    // WAL lets the API read while a job writes; it is a property of the file. Two processes
    // starting on a fresh file can find it being switched by the other: SQLite then answers
    // busy at once, without its busy handler, so the switch is tried again until it is free.
    await whenLockFree(() => db.pragma("journal_mode = WAL"), LOCK_WAIT_MS);
    db.exec(MIGRATIONS_TABLE);
    const isRecorded = db.prepare(`${FINISHED} AND migration_name = ?`);
    const record = db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, ?, 1)`,
    );
    const store: MigrationStore = {
      recorded: async () =>
        new Map(
          (db.prepare(FINISHED).all() as { migration_name: string; checksum: string }[]).map(
            (r) => [r.migration_name, r.checksum] as const,
          ),
        ),
      applyOnce: async ({ name, sql, checksum }) =>
        db
          .transaction(() => {
            if (isRecorded.get(name)) return false;
            const startedAt = recordedAtText();
            db.exec(sql);
            record.run(randomUUID(), checksum, recordedAtText(), name, startedAt);
            return true;
          })
          .immediate(),
    };
    return await runMigrations(store, dir);
  } finally {
    db.close();
  }
}
