/**
 * The one Prisma client factory. Prisma 7 needs no native engine at run time: queries
 * go through a driver adapter (better-sqlite3 for file: URLs).
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client.js";
import { sqlitePath } from "./migrate.js";

export type Db = PrismaClient;
export type { Prisma } from "./generated/prisma/client.js";

export async function createDb(url: string): Promise<Db> {
  if (!url.startsWith("file:")) {
    throw new Error("This build runs on SQLite (file: URLs); see README, PostgreSQL.");
  }
  // timeout: how long a writer waits for another's lock before SQLITE_BUSY.
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqlitePath(url), timeout: 5000 }) });
  // Per-connection: in WAL mode NORMAL is durable across crashes of the process.
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  return db;
}
