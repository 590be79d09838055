/**
 * The importers' driver on SQLite: better-sqlite3 on the same file as Prisma, statements
 * prepared once and reused, `?` placeholders as they are. A write is one IMMEDIATE
 * transaction whose statements run synchronously (the fast path: no round trips, no
 * parameter conversion); the lock is taken by BEGIN IMMEDIATE, retried asynchronously
 * while another writer holds it (never by SQLite's busy timeout, which would stop the
 * thread's event loop), so a batch is all or nothing.
 */
import { setImmediate as yieldToLoop } from "node:timers/promises";
import Database from "better-sqlite3";
import {
  type AuditRow,
  INSERT_BATCH,
  type Inserted,
  insertParams,
  insertSql,
  sealInsert,
} from "../../access/audit-chain.js";
import { sqlitePath } from "../../platform/migrate.js";
import { sqliteDialect } from "../../platform/sql/dialect/index.js";
import { whenLockFree } from "../../platform/sqlite-connection.js";
import { BUSY_WAIT_MS, type ImportDb, oneAtATime, type SqlValue } from "../import-db.js";
import { mergeMarksSqlite, type SyncRows } from "./sqlite-marks.js";

export function openSqliteImportDb(databaseUrl: string): ImportDb {
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
  // An array binds as the anonymous parameters: no spreading of 20,000 arguments.
  const sync: SyncRows & { all<T>(sql: string, params: readonly SqlValue[]): T[] } = {
    all: <T>(sql: string, params: readonly SqlValue[]) => statement(sql).all(params) as T[],
    rows: (sql, params) => statement(sql, true).all(params) as SqlValue[][],
    run: (sql, params) => statement(sql).run(params).changes,
  };
  const turn = oneAtATime();

  return {
    engine: sqliteDialect.name,
    all: async (sql, params = []) => sync.all(sql, params),
    rows: async (sql, params = []) => sync.rows(sql, params),
    run: async (sql, params = []) => sync.run(sql, params),
    write: (work) =>
      turn(async () => {
        await whenLockFree(() => db.exec("BEGIN IMMEDIATE"), BUSY_WAIT_MS);
        try {
          const done = await work();
          db.exec("COMMIT");
          return done;
        } catch (err) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw err;
        } finally {
          // Let the thread's other work (timers, messages) run between batches.
          await yieldToLoop();
        }
      }),
    mergeMarks: async (batch) => mergeMarksSqlite(sync, batch),
    // BEGIN IMMEDIATE holds SQLite's write lock: the chain's last row is this transaction's to follow.
    async appendAudit(rows: readonly AuditRow[]) {
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const batch = rows.slice(i, i + INSERT_BATCH);
        const returned = sync.all<Inserted>(insertSql(batch.length, sqliteDialect), insertParams(batch));
        for (const { sql, params } of sealInsert(batch, returned, sqliteDialect)) sync.run(sql, params);
      }
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
}
