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
import { dialectFor } from "../platform/sql/dialect/index.js";
import type { ImportDb } from "./import-db.js";

export * from "./import-db.js";

/** The importers' connection for DATABASE_URL: its dialect opens its engine's driver. */
export const openImportDb = (databaseUrl: string): Promise<ImportDb> =>
  dialectFor(databaseUrl).openImportDb(databaseUrl);
