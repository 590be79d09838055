/**
 * SQLite's appends made outside a change's transaction (most of them: every audited read),
 * on the SQL layer's one connection (sqliteConnectionOf): one better-sqlite3 IMMEDIATE
 * transaction, synchronous inside (insert, seal: audit-chain.ts), so an append costs
 * microseconds and holds the write lock for microseconds, where the same two statements
 * through Prisma's interactive transaction took several event-loop turns and serialised
 * every read in the process. On the layer's connection, not one of its own, because SQLite
 * empties a connection's page cache whenever another has committed: every read after an
 * append on another connection started cold (measured: README, Benchmarks).
 *
 * Like the importers' connection (core/imports/sql.ts) it never waits on SQLite's busy
 * timeout, which would block the event loop while another connection (Prisma's in this
 * process, mid-transaction; the worker's; an import) holds the lock: it retries after a
 * short asynchronous pause instead, and gives up with DatabaseBusy (503) at a deadline.
 * It waits the same way while the layer's own connection is inside one of its
 * transactions (open across awaits): the rows must not join, or roll back with, that one.
 */
import { DEFAULT_BUSY_WAIT_MS } from "../platform/db.js";
import { type Engine, sqliteDialect } from "../platform/sql/dialect/index.js";
import { sqliteConnectionOf } from "../platform/sql/dialect/sqlite.js";
import { ConnectionInTransaction, whenLockFree } from "../platform/sqlite-connection.js";
import { type AuditRow, appendSync, type SyncSql } from "./audit-chain.js";
import { groupCommits } from "./audit-group.js";

export type AuditWriterOptions = {
  /** How long an append keeps retrying a busy database before it fails (default 3 s, as Prisma's queries wait). */
  deadlineMs?: number;
};

export type AuditWriter = {
  append(rows: readonly AuditRow[]): Promise<void>;
};

export function openAuditWriter(engine: Engine, options: AuditWriterOptions = {}): AuditWriter {
  const { deadlineMs = DEFAULT_BUSY_WAIT_MS } = options;
  // The layer's connection and its statement cache: the chain's statements are prepared once there.
  const { connection, statement } = sqliteConnectionOf(engine);
  const sql: SyncSql = {
    all: <T>(text: string, params: readonly (string | number | bigint | null)[] = []) =>
      statement(text).all(params) as T[],
    run: (text, params = []) => statement(text).run(params).changes,
  };

  /** BEGIN IMMEDIATE: the write lock first, so the chain's last row is read under it. */
  const appendTx = connection.transaction((rows: readonly AuditRow[]) =>
    appendSync(sql, rows, sqliteDialect),
  ).immediate;

  return {
    // The appends of one turn of the event loop in one transaction (audit-group.ts). Busy
    // past the deadline: DatabaseBusy, as a Prisma query's (the API answers 503 with Retry-After).
    append: groupCommits((rows) =>
      whenLockFree(() => {
        // Called inside the layer's open transaction, better-sqlite3 would make this a savepoint of it.
        if (connection.inTransaction) throw new ConnectionInTransaction();
        appendTx(rows);
      }, deadlineMs),
    ),
  };
}
