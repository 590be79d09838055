/**
 * What differs between the two engines, and nothing else: the SQL layer's one view of
 * "which database is this". Code above it (status facts, the scan, the outbox, the
 * stats) builds its queries with Kysely and these few helpers, and never asks which
 * engine it is on.
 */
import type { Expression, Kysely, RawBuilder, SqlBool } from "kysely";
import type { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/sqlite";
import type { DB } from "../../generated/kysely/types.js";
import type { Dialect } from "./dialect.js";

export type EngineName = "sqlite" | "postgres";

export type EngineOptions = {
  /** How long a statement waits for another writer's lock before DatabaseBusy. */
  busyWaitMs: number;
  /** Connections in the pool (PostgreSQL; SQLite has one). */
  poolSize?: number;
};

/**
 * A correlated subquery's rows as one JSON array of objects (Kysely's helper for the
 * engine). PostgreSQL's driver hands back the array parsed; SQLite's hands back its text:
 * readers parse with `jsonValue` (sql/values.ts).
 */
export type JsonArrayFrom = typeof jsonArrayFrom;
/** A correlated subquery's first row as one JSON object, or null. */
export type JsonObjectFrom = typeof jsonObjectFrom;
/**
 * A correlated subquery's one column, `v`, as one JSON array of its values in the
 * subquery's order (not of objects: a year of marks is a third of the text that way, and
 * parses in a third of the time). Read as `jsonArrayFrom`'s are.
 */
export type JsonValuesFrom = <V>(subquery: Expression<{ v: V }>) => RawBuilder<V[]>;

/** A statement in the engine's placeholders (Dialect.placeholder) and its values. */
export type Statement = { sql: string; params: readonly (string | number | bigint | null)[] };

/** A column of `rowsFrom`'s table: its name and whether it holds integers or text. */
export type Column = readonly [name: string, type: "int" | "text"];

export type Engine = {
  readonly name: EngineName;
  /** What differs in plain SQL and which modules to use (dialect.ts). */
  readonly dialect: Dialect;
  readonly db: Kysely<DB>;
  readonly jsonArrayFrom: JsonArrayFrom;
  readonly jsonObjectFrom: JsonObjectFrom;
  readonly jsonValuesFrom: JsonValuesFrom;
  /** Runs `work`; while another writer holds a lock it waits (asynchronously) up to the busy wait, then DatabaseBusy. */
  patiently<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction that first takes the writers' lock `lock`, held to its
   * COMMIT, across processes: PostgreSQL's transaction-level advisory lock of that key;
   * SQLite's one write lock (BEGIN IMMEDIATE; the key names nothing there). Waiting for the
   * lock (or a connection) is bounded by the busy wait, then DatabaseBusy; if `work` throws,
   * everything it wrote is rolled back.
   */
  exclusively<T>(lock: number, work: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /**
   * As `exclusively`, for work that is `first` (its rows, all statements' together, in
   * order) and then the statements `then` makes of them: PostgreSQL sends BEGIN, the lock
   * and `first` as one message and the rest with COMMIT as another (two round trips, not
   * one a statement; postgres-script.ts), SQLite runs them on its one connection.
   */
  exclusivelyInTwo<R>(
    lock: number,
    first: readonly Statement[],
    then: (rows: R[]) => readonly Statement[],
  ): Promise<void>;
  /** The ISO date `days` after `date` (a calendar date column or value). */
  addDays(date: Expression<string>, days: number): RawBuilder<string>;
  /** Whole days from ISO date `from` to ISO date `to`. */
  daysBetween(from: Expression<string>, to: Expression<string>): RawBuilder<number>;
  /**
   * A column the planner should read without its index: a year of one column's range is
   * most of the table, read faster in key order (SQLite otherwise walks the date index:
   * 3× slower, measured in bench/scan.ts; PostgreSQL's planner decides this itself).
   */
  unindexed(column: string): RawBuilder<string>;
  /**
   * `column` LIKE `pattern`, ignoring case as Prisma's `containsAnyCase` does (db.ts):
   * SQLite's LIKE already ignores the case of ASCII letters; PostgreSQL's needs ILIKE.
   */
  likeAnyCase(column: string, pattern: Expression<string>): RawBuilder<SqlBool>;
  /** The ids in a JSON array (one bound value: `JSON.stringify(ids)`), as a subquery for IN. */
  idsIn(json: unknown): RawBuilder<number>;
  /**
   * Rows from a JSON array of [integer, text] pairs (one bound value), as a table with the
   * two column names given: many keys in one bound value, so the statement stays the same.
   */
  pairsFrom(json: unknown, int: string, text: string): RawBuilder<unknown>;
  /**
   * Rows from a JSON array of arrays (one bound value), as a table whose columns are
   * `columns` in order, each an integer or text: a batch of any size in one statement
   * whose text never changes, so it is prepared once.
   */
  rowsFrom(json: unknown, columns: readonly Column[]): RawBuilder<unknown>;
  /**
   * Rows of a bulk write (a scan's alerts, deliveries and digests: outbox.ts, posts.ts) taken
   * in one transaction. SQLite: a few hundred, so its one write lock is never held for long.
   * PostgreSQL locks only the rows written: a scan's outbox goes in one transaction (one
   * commit), and the foreign keys' per-row checks of the deliveries are planned with their
   * alerts already written. Planned on a batch of 200 in a table PostgreSQL believed empty,
   * the check's plan (kept by the connection) read the whole table for every row: 22 M rows
   * read for a 10,000-child scan's 9,559 deliveries, seconds.
   */
  readonly outboxBatch: number;
  /** Statements prepared so far (SQLite: on the layer's connection; PostgreSQL: names handed out). */
  preparedStatements(): number;
  /**
   * Runs `work` with an engine whose statements all go to one connection, taken from the
   * pool once and held to the end: reads started together queue on it, not on the pool,
   * whose wait is bounded by the busy wait (a job's ten bulk reads on a pool of five, each
   * seconds long, would otherwise time out waiting for a connection: DatabaseBusy).
   */
  onOneConnection<T>(work: (engine: Engine) => Promise<T>): Promise<T>;
  /**
   * As onOneConnection, for reads that may run side by side: `count` engines, each on a
   * connection of its own held to the end. A pool that cannot spare that many and keep one
   * for everything else gives fewer, shared in turn (SQLite's one connection: all the same).
   */
  onConnections<T>(count: number, work: (engines: Engine[]) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};
