/**
 * The one Prisma client factory. Prisma 7 needs no native engine at run time: queries
 * go through a driver adapter, chosen with the rest of the engine's modules by the URL's
 * dialect (sql/dialect/): better-sqlite3 for file: URLs (made patient with locks and safe
 * on its one connection: sqlite-connection.ts), pg for postgresql:// URLs (bounded lock and
 * pool waits: pg-connection.ts).
 *
 * One `Db` type for both engines. A schema's provider is fixed, so each engine has its own
 * generated client (prisma/schema.prisma → generated/prisma, prisma/pg/schema.prisma →
 * generated/prisma-pg), but the PostgreSQL schema is generated from the SQLite one
 * (scripts/pg-schema.ts, checked by a test), so their model APIs are the same. TypeScript
 * cannot prove two generated generic APIs equal, so the PostgreSQL client is typed as the
 * SQLite one: every call site keeps `Db` and `Prisma` unchanged, and PostgreSQL-only options
 * (`mode: "insensitive"`, isolation levels other than Serializable) stay out of reach —
 * they would fail on SQLite (the dialect adds what differs: `containsAnyCase`).
 */
import type { PrismaClient } from "./generated/prisma/client.js";
import { dialectFor } from "./sql/dialect/index.js";
import { attachSql, sqlOf } from "./sql/index.js";

export type Db = PrismaClient;
export type { Prisma } from "./generated/prisma/client.js";
export { DatabaseBusy } from "./sqlite-connection.js";

/** How long a query or transaction waits for another writer's lock by default (DATABASE_BUSY_WAIT_MS). */
export const DEFAULT_BUSY_WAIT_MS = 3_000;
/** Most connections a PostgreSQL pool opens by default (DATABASE_POOL_SIZE). */
export const DEFAULT_POOL_SIZE = 10;

export type DbOptions = { busyWaitMs?: number; poolSize?: number };

/** createDb's options as the settings give them. */
export const dbOptions = (config: { DATABASE_BUSY_WAIT_MS: number; DATABASE_POOL_SIZE: number }): DbOptions => ({
  busyWaitMs: config.DATABASE_BUSY_WAIT_MS,
  poolSize: config.DATABASE_POOL_SIZE,
});

/**
 * A `contains` filter that ignores case on both engines, as SQLite's LIKE does (for ASCII
 * letters): the dialect of `db` (made by createDb) says how.
 */
export const containsAnyCase = (db: Db, text: string): { contains: string } => sqlOf(db).dialect.containsAnyCase(text);

export async function createDb(url: string, options: DbOptions = {}): Promise<Db> {
  const dialect = dialectFor(url);
  const busyWaitMs = options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS;
  const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
  // Starting a transaction may wait for the lock (or a pooled connection) up to busyWaitMs;
  // Prisma must not give up on it first. A transaction's own work stays bounded at 10 s.
  const transactionOptions = { maxWait: busyWaitMs + 2_000, timeout: 10_000 };
  const db = await dialect.prismaClient(url, { busyWaitMs, poolSize, transactionOptions });
  await attachSql(db, url, { busyWaitMs, poolSize });
  return db;
}
