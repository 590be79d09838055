/**
 * The one Prisma client factory. Prisma 7 needs no native engine at run time: queries
 * go through a driver adapter (better-sqlite3 for file: URLs, made patient with locks
 * and safe on its one connection: sqlite-connection.ts).
 */
import { PrismaClient } from "./generated/prisma/client.js";
import { sqlitePath } from "./migrate.js";
import { attachSql } from "./sql/index.js";
import { patientSqlite } from "./sqlite-connection.js";

export type Db = PrismaClient;
export type { Prisma } from "./generated/prisma/client.js";
export { DatabaseBusy } from "./sqlite-connection.js";

/** How long a query or transaction waits for another writer's lock by default (DATABASE_BUSY_WAIT_MS). */
export const DEFAULT_BUSY_WAIT_MS = 3_000;

export async function createDb(url: string, options: { busyWaitMs?: number } = {}): Promise<Db> {
  if (!url.startsWith("file:")) {
    throw new Error("This build runs on SQLite (file: URLs); see README, PostgreSQL.");
  }
  const busyWaitMs = options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS;
  const db = new PrismaClient({
    adapter: patientSqlite(sqlitePath(url), busyWaitMs),
    // Starting a transaction may wait for the lock (asynchronously) up to busyWaitMs; Prisma
    // must not give up on it first. A transaction's own work stays bounded at 10 s.
    transactionOptions: { maxWait: busyWaitMs + 2_000, timeout: 10_000 },
  });
  // Per-connection: in WAL mode NORMAL is durable across crashes of the process.
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  attachSql(db, url, { busyWaitMs });
  return db;
}
