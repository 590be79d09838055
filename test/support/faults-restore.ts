/**
 * A test database that can be backed up and restored, as an operator restores last night's
 * backup: every row and every id counter as they were, so the restored database hands out
 * ids it had already given. SQLite: a copy of the file. PostgreSQL: a copy of the database
 * (CREATE DATABASE … TEMPLATE, which copies the sequences with the rows), which needs the
 * database idle, so the client is closed for the copy and a new one is made after.
 */
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createDb, type Db } from "../../core/platform/db.js";
import { sqlitePath } from "../../core/platform/migrate.js";
import { sqlOf } from "../../core/platform/sql/index.js";
import type { TestDb } from "./db.js";
import { copyPgDatabase, dropPgDatabase } from "./pg.js";

export type Restorable = {
  /** The client to use now: a backup or a restore replaces it. */
  readonly db: Db;
  /** Restores the backup; the current client is closed and a new one returned. */
  restore(): Promise<Db>;
  /** Closes the client and removes the database and its backup. */
  close(): Promise<void>;
};

/** Takes a backup of `database` now; `database.db` is not used after (PostgreSQL closes it). */
export async function backUp(database: TestDb): Promise<Restorable> {
  const postgres = sqlOf(database.db).name === "postgres";
  const backupUrl = postgres ? `${database.url}_backup` : `file:${join(database.dir, "backup.sqlite")}`;
  let db = database.db;
  if (postgres) {
    await db.$disconnect();
    await copyPgDatabase(database.url, backupUrl);
    db = await createDb(database.url, { poolSize: 4 });
  } else {
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    copyFileSync(sqlitePath(database.url), sqlitePath(backupUrl));
  }
  return {
    get db() {
      return db;
    },
    async restore() {
      await db.$disconnect();
      if (postgres) {
        await dropPgDatabase(database.url);
        await copyPgDatabase(backupUrl, database.url);
      } else {
        const path = sqlitePath(database.url);
        for (const suffix of ["-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
        copyFileSync(sqlitePath(backupUrl), path);
      }
      db = await createDb(database.url, { poolSize: 4 });
      return db;
    },
    async close() {
      await db.$disconnect();
      if (postgres) for (const url of [database.url, backupUrl]) await dropPgDatabase(url);
      rmSync(database.dir, { recursive: true, force: true });
    },
  };
}
