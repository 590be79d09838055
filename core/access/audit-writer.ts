/**
 * The audit log's own connection for appends made outside a change's transaction (most
 * of them: every audited read). One better-sqlite3 IMMEDIATE transaction, synchronous
 * inside (insert, seal: audit-chain.ts), so an append costs microseconds and holds the
 * write lock for microseconds, where the same two statements through Prisma's interactive
 * transaction took several event-loop turns and serialised every read in the process.
 *
 * Like the importers' connection (core/imports/sql.ts) it never waits on SQLite's busy
 * timeout, which would block the event loop while another connection (Prisma's in this
 * process, mid-transaction; the worker's; an import) holds the lock: it retries after a
 * short asynchronous pause instead, and gives up with DatabaseBusy (503) at a deadline.
 * The connection closes itself when idle, so nobody has to remember to close it.
 */
import Database from "better-sqlite3";
import { elapsedMs } from "../platform/clock.js";
import { DEFAULT_BUSY_WAIT_MS } from "../platform/db.js";
import { sqlitePath } from "../platform/migrate.js";
import { sqliteDialect } from "../platform/sql/dialect/index.js";
import { whenLockFree } from "../platform/sqlite-connection.js";
import { type AuditRow, appendSync, type SyncSql } from "./audit-chain.js";
import { groupCommits } from "./audit-group.js";

export type AuditWriterOptions = {
  /** How long an append keeps retrying a busy database before it fails (default 3 s, as Prisma's queries wait). */
  deadlineMs?: number;
  /** Closes the connection after this long without an append (default 10 s). */
  idleMs?: number;
};

export type AuditWriter = {
  append(rows: readonly AuditRow[]): Promise<void>;
  close(): void;
};

export function openAuditWriter(databaseUrl: string, options: AuditWriterOptions = {}): AuditWriter {
  const { deadlineMs = DEFAULT_BUSY_WAIT_MS, idleMs = 10_000 } = options;
  const path = sqlitePath(databaseUrl);
  let db: Database.Database | null = null;
  let appendTx: ((rows: readonly AuditRow[]) => void) | null = null;
  let statements = new Map<string, Database.Statement>();
  let lastUsed = 0;
  let idleTimer: NodeJS.Timeout | null = null;

  const close = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    db?.close();
    db = null;
    appendTx = null;
    statements = new Map();
  };

  const watchIdle = () => {
    lastUsed = elapsedMs();
    if (idleTimer) return;
    const check = () => {
      const idle = elapsedMs() - lastUsed;
      idleTimer = idle >= idleMs ? null : setTimeout(check, idleMs - idle).unref();
      if (!idleTimer) close();
    };
    idleTimer = setTimeout(check, idleMs).unref();
  };

  const open = (): Database.Database => {
    if (db) return db;
    const opened = new Database(path, { timeout: 0 });
    // As Prisma's connection (core/platform/db.ts): durable across a crash of the process in WAL mode.
    opened.pragma("synchronous = NORMAL");
    db = opened;
    return opened;
  };

  /** BEGIN IMMEDIATE: the write lock first, so the chain's last row is read under it. */
  const transaction = () => {
    appendTx ??= open().transaction((rows: readonly AuditRow[]) => appendSync(sql, rows, sqliteDialect)).immediate;
    return appendTx;
  };

  const statement = (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = open().prepare(sql);
      if (statements.size >= 64) statements.delete(statements.keys().next().value as string);
      statements.set(sql, prepared);
    }
    return prepared;
  };

  const sql: SyncSql = {
    all: <T>(text: string, params: readonly (string | number | bigint | null)[] = []) =>
      statement(text).all(params) as T[],
    run: (text, params = []) => statement(text).run(params).changes,
  };

  return {
    // The appends of one turn of the event loop in one transaction (audit-group.ts). Busy
    // past the deadline: DatabaseBusy, as a Prisma query's (the API answers 503 with Retry-After).
    append: groupCommits(async (rows) => {
      await whenLockFree(() => transaction()(rows), deadlineMs);
      watchIdle();
    }),
    close,
  };
}
