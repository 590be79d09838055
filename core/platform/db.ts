/**
 * The one Prisma client factory. Prisma 7 needs no native engine at run time: queries
 * go through a driver adapter — better-sqlite3 for file: URLs (made patient with locks
 * and safe on its one connection: sqlite-connection.ts), pg for postgresql:// URLs
 * (bounded lock and pool waits: pg-connection.ts).
 *
 * One `Db` type for both engines. A schema's provider is fixed, so each engine has its own
 * generated client (prisma/schema.prisma → generated/prisma, prisma/pg/schema.prisma →
 * generated/prisma-pg), but the PostgreSQL schema is generated from the SQLite one
 * (scripts/pg-schema.ts, checked by a test), so their model APIs are the same. TypeScript
 * cannot prove two generated generic APIs equal, so the PostgreSQL client is typed as the
 * SQLite one: every call site keeps `Db` and `Prisma` unchanged, and PostgreSQL-only options
 * (`mode: "insensitive"`, isolation levels other than Serializable) stay out of reach —
 * they would fail on SQLite.
 */
import { PrismaClient } from "./generated/prisma/client.js";
import { sqlitePath } from "./migrate.js";
import { attachedSql, attachSql } from "./sql/index.js";
import { patientSqlite } from "./sqlite-connection.js";

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

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export type Engine = "sqlite" | "postgres";
/** The engine behind a client made by createDb (for the few statements that differ): its SQL layer's. */
export const engineOf = (db: Db): Engine => attachedSql(db)?.name ?? "sqlite";

/**
 * A `contains` filter that ignores case on both engines, as SQLite's LIKE does (for ASCII
 * letters). PostgreSQL's is case-sensitive unless told `mode: "insensitive"` (ILIKE),
 * which SQLite's client refuses: so the option is added on PostgreSQL only.
 */
export function containsAnyCase(db: Db, text: string): { contains: string } {
  return engineOf(db) === "postgres"
    ? ({ contains: text, mode: "insensitive" } as { contains: string })
    : { contains: text };
}

export async function createDb(url: string, options: DbOptions = {}): Promise<Db> {
  const busyWaitMs = options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS;
  // Starting a transaction may wait for the lock (or a pooled connection) up to busyWaitMs;
  // Prisma must not give up on it first. A transaction's own work stays bounded at 10 s.
  const transactionOptions = { maxWait: busyWaitMs + 2_000, timeout: 10_000 };
  if (isPostgresUrl(url)) {
    // Loaded only for PostgreSQL: a process on SQLite never pays for the second client.
    const [{ PrismaClient: PgPrismaClient }, { patientPg }] = await Promise.all([
      import("./generated/prisma-pg/client.js"),
      import("./pg-connection.js"),
    ]);
    const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
    const adapter = patientPg(url, busyWaitMs, poolSize);
    const db = new PgPrismaClient({ adapter, transactionOptions }) as unknown as Db;
    await attachSql(db, url, { busyWaitMs, poolSize });
    return db;
  }
  if (!url.startsWith("file:")) {
    throw new Error("DATABASE_URL must be a file: (SQLite) or postgresql:// URL.");
  }
  const db = new PrismaClient({ adapter: patientSqlite(sqlitePath(url), busyWaitMs), transactionOptions });
  // Per-connection: in WAL mode NORMAL is durable across crashes of the process.
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await attachSql(db, url, { busyWaitMs });
  return db;
}
