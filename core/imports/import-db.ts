/** The importers' connection: its interface and the helpers both drivers share (see sql.ts). */
import type { AuditRow } from "../access/audit-chain.js";
import type { EngineName } from "../platform/sql/dialect/index.js";
import type { MarkBatch } from "./marks.js";

export type SqlValue = string | number | bigint | null;

/** What a batch of marks did to AttendanceMark (`changedChildren`: children with a mark created or updated). */
export type MarksMerged = { created: number; updated: number; unchanged: number; changedChildren: Set<number> };

export type ImportDb = {
  /** For reports and tests; the driver itself is where the engines differ. */
  readonly engine: EngineName;
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

/** Runs calls one at a time, in order: a connection's transaction must not interleave with anything. */
export function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve();
  return function turn<T>(work: () => Promise<T>): Promise<T> {
    const mine = last.then(work, work);
    last = mine.catch(() => undefined);
    return mine;
  };
}
