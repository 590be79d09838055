/**
 * The importers' connection to the database: better-sqlite3 on the same file as Prisma,
 * with statements prepared once and reused.
 *
 * Why not Prisma's `$executeRawUnsafe` as the outbox does: measured on this machine, a
 * multi-row upsert of attendance marks through Prisma's driver adapter peaked at ~43,000
 * rows/s (it re-prepares every statement and converts every parameter), below the
 * 100,000 rows/s a daily feed needs; the same SQL prepared once runs several times faster.
 * The SQL stays portable (double-quoted names, multi-row VALUES, ON CONFLICT … DO UPDATE,
 * RETURNING, IS DISTINCT FROM); only the driver is SQLite's.
 *
 * Writes run in `write()`: one IMMEDIATE transaction, synchronous inside, so a batch is
 * all or nothing. The connection never waits on SQLite's busy timeout (that would block
 * the event loop while, say, a Prisma transaction in the same process holds the lock and
 * cannot finish); it retries the whole batch after a short asynchronous pause instead.
 */
import { setImmediate as yieldToLoop } from "node:timers/promises";
import Database from "better-sqlite3";
import { sqlitePath } from "../platform/migrate.js";
import { whenLockFree } from "../platform/sqlite-connection.js";

export type SqlValue = string | number | bigint | null;

export type ImportDb = {
  all<T>(sql: string, params?: readonly SqlValue[]): T[];
  /** Rows as arrays in column order: much cheaper than objects when a read returns many rows. */
  rows(sql: string, params?: readonly SqlValue[]): SqlValue[][];
  run(sql: string, params?: readonly SqlValue[]): number;
  /** Runs `work` (synchronous: no awaits inside) as one transaction; retries while the database is busy. */
  write<T>(work: () => T): Promise<T>;
  close(): void;
};

/** SQLite's limit is 32,766 bound values per statement; stay well under it. */
export const MAX_PARAMS = 30_000;
/** How long a batch waits for another writer's lock before the import fails (DatabaseBusy). */
const BUSY_WAIT_MS = 30_000;

const built = new Map<string, string>();

/** "(?, ?, ?), (?, ?, ?)" for `rows` rows of `width` values (kept: full batches ask for the same ones). */
export function placeholders(rows: number, width: number): string {
  const key = `${rows}x${width}`;
  let text = built.get(key);
  if (text === undefined) {
    const one = `(${Array.from({ length: width }, () => "?").join(", ")})`;
    text = Array.from({ length: rows }, () => one).join(", ");
    if (built.size >= 256) built.clear();
    built.set(key, text);
  }
  return text;
}

/** Splits `items` into runs of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function openImportDb(databaseUrl: string): ImportDb {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error("Imports run on SQLite (file: URLs) in this build; see README, PostgreSQL.");
  }
  const db = new Database(sqlitePath(databaseUrl), { timeout: 0 });
  db.pragma("synchronous = NORMAL");
  // Marks land all over the (childId, date, session) index; a bigger cache saves rereads.
  db.pragma("cache_size = -65536");
  db.pragma("foreign_keys = ON");
  const statements = new Map<string, Database.Statement>();
  const statement = (sql: string, raw = false) => {
    const key = raw ? `raw:${sql}` : sql;
    let prepared = statements.get(key);
    if (!prepared) {
      prepared = raw ? db.prepare(sql).raw(true) : db.prepare(sql);
      // Full batches reuse a few shapes; last partial batches add one each, so keep the cache small.
      if (statements.size >= 64) statements.delete(statements.keys().next().value as string);
      statements.set(key, prepared);
    }
    return prepared;
  };

  return {
    // An array binds as the anonymous parameters: no spreading of 20,000 arguments.
    all: <T>(sql: string, params: readonly SqlValue[] = []) => statement(sql).all(params) as T[],
    rows: (sql, params = []) => statement(sql, true).all(params) as SqlValue[][],
    run: (sql, params = []) => statement(sql).run(params).changes,
    async write<T>(work: () => T): Promise<T> {
      const done = await whenLockFree(() => db.transaction(work).immediate(), BUSY_WAIT_MS);
      // Let the thread's other work (timers, messages) run between batches.
      await yieldToLoop();
      return done;
    },
    close: () => db.close(),
  };
}
