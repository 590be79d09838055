/**
 * PostgreSQL for the SQL layer: Kysely's PostgresDialect over a `pg` pool. Every statement
 * goes to the server as a *named* prepared statement (the name is a hash of its text), so
 * each connection parses and plans it once and then only binds and executes.
 */
import { createHash } from "node:crypto";
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type SqlBool, sql } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import pg from "pg";
import type { DB } from "../../generated/kysely/types.js";
import { isPgBusy } from "../../pg-connection.js";
import { DatabaseBusy } from "../../sqlite-connection.js";
import type { Engine, EngineOptions, JsonArrayFrom, JsonObjectFrom } from "./engine.js";
import { advisoryLock, postgresDialect } from "./postgres-dialect.js";
import { inTwoRoundTrips } from "./postgres-script.js";

const INT8 = 20;
/** Connections in the pool unless the options say. */
const POOL_SIZE = 10;
const TIMESTAMP = 1114;

/**
 * Counts (int8) as numbers, not strings: no count here comes near 2^53. Prisma keeps
 * DateTime as `timestamp(3)` holding UTC: read as ISO text in UTC, as the layer's types
 * (generated from the SQLite schema) say instants are text; `instant` (values.ts) reads both.
 * Written, an instant is ISO text too (`instantText`): a `timestamp` ignores its offset.
 */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === TIMESTAMP) return (v: string) => `${v.replace(" ", "T")}Z`;
    return pg.types.getTypeParser(oid, format);
  },
};

const names = new Map<string, string>();
/** A stable, short name for a statement's text (PostgreSQL names are at most 63 bytes). */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `vs_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    if (names.size >= 2_000) names.clear();
    names.set(text, name);
  }
  return name;
}

/** The pool, with each client's plain queries sent as named prepared statements. */
function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      return {
        release: (destroy?: boolean) => client.release(destroy),
        // Kysely's client type also overloads query for cursors, which this layer never uses.
        query: ((text: string, values: readonly unknown[]) =>
          client.query({
            name: statementName(text),
            text,
            values: [...values],
          })) as unknown as PostgresPoolClient["query"],
      };
    },
  };
}

/** Turns a lock or pool wait past its bound into DatabaseBusy. */
async function patiently<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } catch (err) {
    if (isPgBusy(err)) throw new DatabaseBusy(Math.round(performance.now() - started));
    throw err;
  }
}

export function postgresEngine(url: string, options: EngineOptions): Engine {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? POOL_SIZE,
    types,
    connectionTimeoutMillis: Math.max(1, Math.round(options.busyWaitMs)),
    // A write that meets another writer's row lock gives up, as SQLite's busy wait does.
    options: `-c lock_timeout=${Math.max(1, Math.round(options.busyWaitMs))}`,
  });
  // An idle connection the server ends (a restart, an administrator) is dropped by the pool;
  // without a listener its error would end the process.
  pool.on("error", () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  const engine: Engine = {
    name: "postgres",
    dialect: postgresDialect,
    db,
    // The helpers' types differ only in what expression they accept; the queries are the same.
    jsonArrayFrom: jsonArrayFrom as JsonArrayFrom,
    jsonObjectFrom: jsonObjectFrom as JsonObjectFrom,
    jsonValuesFrom: (subquery) => sql`(SELECT coalesce(json_agg("agg"."v"), '[]') FROM ${subquery} AS "agg")`,
    patiently,
    // The lock is the transaction's first statement: what it reads after is what was
    // committed before the lock was granted (each statement's snapshot is its own).
    exclusively: (lock, work) =>
      patiently(() =>
        db.transaction().execute(async (trx) => {
          await sql.raw(advisoryLock(lock)).execute(trx);
          return work(trx);
        }),
      ),
    exclusivelyInTwo: (lock, first, then) => patiently(() => inTwoRoundTrips(pool, lock, first, then)),
    addDays: (date, days) => sql<string>`to_char(${date}::date + ${days}::int, 'YYYY-MM-DD')`,
    daysBetween: (from, to) => sql<number>`(${to}::date - ${from}::date)`,
    unindexed: (column) => sql.ref(column),
    likeAnyCase: (column, pattern) => sql<SqlBool>`${sql.ref(column)} ILIKE ${pattern}`,
    idsIn: (json) => sql<number>`(SELECT (jsonb_array_elements_text(${json}::jsonb))::int)`,
    pairsFrom: (json, int, text) =>
      sql`(SELECT (e->>0)::int AS ${sql.id(int)}, e->>1 AS ${sql.id(text)} FROM jsonb_array_elements(${json}::jsonb) AS e)`,
    rowsFrom: (json, columns) =>
      sql`(SELECT ${sql.join(
        columns.map(([name, type], i) =>
          type === "int" ? sql`(e->>${sql.lit(i)})::int AS ${sql.id(name)}` : sql`e->>${sql.lit(i)} AS ${sql.id(name)}`,
        ),
      )} FROM jsonb_array_elements(${json}::jsonb) AS e)`,
    outboxBatch: 10_000,
    preparedStatements: () => names.size,
    // Taking the connection waits for the pool as any statement does (then DatabaseBusy).
    onOneConnection: (work) => engine.patiently(() => db.connection().execute((one) => work({ ...engine, db: one }))),
    onConnections: <T>(count: number, work: (engines: Engine[]) => Promise<T>) => {
      const spare = Math.max(1, Math.min(count, (options.poolSize ?? POOL_SIZE) - 1));
      const held: Engine[] = [];
      // One connection taken after another, each held until `work` is done with them all.
      const take = (): Promise<T> =>
        held.length === spare
          ? work(Array.from({ length: count }, (_, i) => held[i % spare] as Engine))
          : engine.onOneConnection((one) => {
              held.push(one);
              return take();
            });
      return take();
    },
    // Kysely ends the pool only if it took a connection itself; exclusivelyInTwo takes its own.
    close: async () => {
      await db.destroy();
      if (!pool.ending) await pool.end();
    },
  };
  return engine;
}
