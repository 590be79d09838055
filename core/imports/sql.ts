/**
 * The importers' connection to the database, one interface on both engines. The importers
 * write plain SQL with `?` placeholders, double-quoted names, multi-row VALUES and
 * ON CONFLICT … DO UPDATE (the same on SQLite and PostgreSQL); whatever differs between the
 * engines — placeholders, how a batch of marks is merged (COPY on PostgreSQL), how the audit
 * chain is locked, how rows come back — is the driver's (driver/sqlite.ts, driver/postgres.ts).
 *
 * Why not Prisma: measured on this machine, a multi-row upsert of attendance marks through
 * Prisma's driver adapter peaked at ~43,000 rows/s (it re-prepares every statement and
 * converts every parameter), below the 100,000 rows/s a daily feed needs.
 *
 * Writes run in `write()`: one transaction, all or nothing, waiting (asynchronously) for
 * another writer's lock up to 30 s, then DatabaseBusy. On SQLite the statements inside run
 * synchronously on the connection (the awaits between them only pass resolved values), so
 * the fast path of better-sqlite3 is kept; on PostgreSQL they go over the import's own
 * connection. Reads and writes of one connection run one at a time (one import at a time).
 */
import type { AuditRow } from "../access/audit-chain.js";
import { engineOf } from "../platform/sql/dialect/index.js";
import { openPgImportDb } from "./driver/postgres.js";
import { openSqliteImportDb } from "./driver/sqlite.js";
import type { MarkBatch } from "./marks.js";

export type SqlValue = string | number | bigint | null;

/** What a batch of marks did to AttendanceMark (`changedChildren`: children with a mark created or updated). */
export type MarksMerged = { created: number; updated: number; unchanged: number; changedChildren: Set<number> };

export type ImportDb = {
  readonly engine: "sqlite" | "postgres";
  /**
   * Rows as objects. Values come back as SQLite keeps them on both engines: booleans as 0
   * and 1, counts as numbers.
   */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Rows as arrays in column order: much cheaper than objects when a read returns many rows. */
  rows(sql: string, params?: readonly SqlValue[]): Promise<SqlValue[][]>;
  /** Runs a statement; the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs `work` as one transaction; waits while another writer holds the lock, then DatabaseBusy. */
  write<T>(work: () => T | Promise<T>): Promise<T>;
  /** Merges a batch of marks (one row per key) into AttendanceMark; inside `write()`. */
  mergeMarks(batch: MarkBatch): Promise<MarksMerged>;
  /** Appends audit rows to the chain (audit-chain.ts); inside `write()`, after the change they record. */
  appendAudit(rows: readonly AuditRow[]): Promise<void>;
  close(): Promise<void>;
};

/** How long a batch waits for another writer's lock before the import fails (DatabaseBusy). */
export const BUSY_WAIT_MS = 30_000;
/** Values in one statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
export const MAX_PARAMS = 30_000;

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

/** The importers' connection for DATABASE_URL: `file:` is SQLite, `postgres(ql)://` PostgreSQL. */
export function openImportDb(databaseUrl: string): ImportDb {
  return engineOf(databaseUrl) === "sqlite" ? openSqliteImportDb(databaseUrl) : openPgImportDb(databaseUrl);
}

/** Runs calls one at a time, in order: a connection's transaction must not interleave with anything. */
export function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve();
  return function turn<T>(work: () => Promise<T>): Promise<T> {
    const mine = last.then(work, work);
    last = mine.catch(() => undefined);
    return mine;
  };
}
