/**
 * SQLite for the SQL layer: Kysely's own SqliteDialect over a better-sqlite3 connection of
 * the layer's own (WAL lets it read beside Prisma's), with each statement prepared once and
 * reused. Kysely hands the driver SQL text; preparing it is most of a small query's cost
 * (measured: see README, Benchmarks), so the text is the cache key.
 */
import Database from "better-sqlite3";
import {
  CompiledQuery,
  type Expression,
  Kysely,
  type SqlBool,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
  sql,
} from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/sqlite";
import type { DB } from "../../generated/kysely/types.js";
import { sqlitePath } from "../../migrate.js";
import { whenLockFree } from "../../sqlite-connection.js";
import type { Engine, EngineOptions, Statement } from "./engine.js";
import { sqliteDialect } from "./sqlite-dialect.js";

/** Enough for every statement the layer writes; a full cache starts again rather than grow. */
const MAX_STATEMENTS = 500;

/** better-sqlite3 binds numbers, strings, bigints, buffers and null: booleans as SQLite keeps them. */
const bindable = (value: unknown): unknown => (typeof value === "boolean" ? (value ? 1 : 0) : value);

/**
 * A better-sqlite3 connection whose `prepare` answers from a cache. A statement that
 * meets another writer's lock is retried asynchronously by the caller (`whenLockFree`),
 * never by waiting synchronously in SQLite (which would stop the event loop).
 */
function cachedConnection(file: string) {
  const raw = new Database(file, { timeout: 0 });
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  const cache = new Map<string, Database.Statement>();
  const statement = (text: string): Database.Statement => {
    let prepared = cache.get(text);
    if (!prepared) {
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      prepared = raw.prepare(text);
      cache.set(text, prepared);
    }
    return prepared;
  };
  const database: SqliteDatabase = {
    close: () => raw.close(),
    prepare(text: string): SqliteStatement {
      const s = statement(text);
      return {
        reader: s.reader,
        all: (params) => s.all(...params.map(bindable)),
        run: (params) => s.run(...params.map(bindable)),
        iterate: (params) => s.iterate(...params.map(bindable)),
      };
    },
  };
  return { database, raw, statement, cached: () => cache.size };
}

/** The connection, and its statements prepared once (the layer's own cache), by SQL text. */
export type SqliteConnection = { connection: Database.Database; statement(text: string): Database.Statement };

/** Each SQLite engine's one connection, for the synchronous work that shares it (sqliteConnectionOf). */
const connections = new WeakMap<Engine, SqliteConnection>();

/**
 * The SQLite engine's one connection, for synchronous work between the layer's statements
 * (the audit's appends, core/access/audit-writer.ts). Sharing it matters: SQLite empties a
 * connection's page cache whenever another connection has committed, so appends on a
 * connection of their own made every read after them start cold (measured: the status
 * statement 180 µs cold against 90 µs warm). The caller must not start a transaction while `inTransaction`
 * (one of the layer's is open across awaits).
 */
export function sqliteConnectionOf(engine: Engine): SqliteConnection {
  const shared = connections.get(engine);
  if (!shared) throw new Error(`The ${engine.name} engine has no SQLite connection.`);
  return shared;
}

export function sqliteEngine(url: string, options: EngineOptions): Engine {
  const { database, raw, statement, cached } = cachedConnection(sqlitePath(url));
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  const engine: Engine = {
    name: "sqlite",
    dialect: sqliteDialect,
    db,
    jsonArrayFrom,
    jsonObjectFrom,
    jsonValuesFrom: (subquery) => sql`(SELECT coalesce(json_group_array("agg"."v"), '[]') FROM ${subquery} AS "agg")`,
    // A query that meets another writer's lock waits asynchronously, then DatabaseBusy.
    patiently: (work) => whenLockFree(work, options.busyWaitMs),
    // The layer's one connection, held for the transaction (Kysely queues its other queries).
    exclusively: (_lock, work) =>
      db.connection().execute(async (conn) => {
        await whenLockFree(() => sql`BEGIN IMMEDIATE`.execute(conn), options.busyWaitMs);
        try {
          const result = await work(conn);
          await sql`COMMIT`.execute(conn);
          return result;
        } catch (err) {
          if (raw.inTransaction) await sql`ROLLBACK`.execute(conn);
          throw err;
        }
      }),
    exclusivelyInTwo: <R>(lock: number, first: readonly Statement[], then: (rows: R[]) => readonly Statement[]) =>
      engine.exclusively(lock, async (trx) => {
        const run = async ({ sql: text, params }: Statement) =>
          (await trx.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows;
        const rows: R[] = [];
        for (const statement of first) rows.push(...(await run(statement)));
        for (const statement of then(rows)) await run(statement);
      }),
    addDays: (date: Expression<string>, days: number) => sql<string>`date(${date}, ${`${days} days`})`,
    daysBetween: (from, to) => sql<number>`(julianday(${to}) - julianday(${from}))`,
    unindexed: (column) => sql<string>`+${sql.ref(column)}`,
    likeAnyCase: (column, pattern) => sql<SqlBool>`${sql.ref(column)} LIKE ${pattern}`,
    idsIn: (json) => sql<number>`(SELECT value FROM json_each(${json}))`,
    pairsFrom: (json, int, text) =>
      sql`(SELECT json_extract(value, '$[0]') AS ${sql.id(int)}, json_extract(value, '$[1]') AS ${sql.id(text)} FROM json_each(${json}))`,
    rowsFrom: (json, columns) =>
      sql`(SELECT ${sql.join(
        columns.map(([name], i) => sql`json_extract(value, ${sql.lit(`$[${i}]`)}) AS ${sql.id(name)}`),
      )} FROM json_each(${json}))`,
    outboxBatch: 200,
    preparedStatements: cached,
    // The layer has one connection: every statement is on it already.
    onOneConnection: (work) => work(engine),
    onConnections: (count, work) => work(Array.from({ length: count }, () => engine)),
    close: async () => {
      await db.destroy();
      if (raw.open) raw.close();
    },
  };
  connections.set(engine, { connection: raw, statement });
  return engine;
}
