/**
 * The one place that knows which engine a DATABASE_URL names. A `Dialect` says how the
 * engine behaves where the two differ, for code that writes plain SQL or picks a module
 * (placeholders, the chain's lock, a case-blind filter, whether a caller may open a
 * connection of its own), and opens that engine's modules: the Prisma client, the SQL
 * layer's engine, the migrations and the importers' driver. Each is loaded on first use,
 * so a process on SQLite never loads `pg` and the reverse.
 *
 * Code elsewhere asks its dialect; it never tests the engine's name (test/unit/dialect-boundary.test.ts).
 */
import type { ImportDb } from "../../../imports/import-db.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import type { MigrationResult } from "../../migrate.js";
import type { Engine, EngineName, EngineOptions } from "./engine.js";

export type PrismaOptions = {
  busyWaitMs: number;
  poolSize: number;
  transactionOptions: { maxWait: number; timeout: number };
};

export type Dialect = {
  /** For reports and tests (never to branch on: ask for the behaviour instead). */
  readonly name: EngineName;
  /** The `index`th (from 0) bound value's placeholder in hand-written SQL: `?`, or PostgreSQL's `$n`. */
  placeholder(index: number): string;
  /**
   * The statement that takes the transaction-level lock `key` and holds it to COMMIT,
   * across processes (PostgreSQL's advisory lock); null on SQLite, where a transaction's
   * first write takes the database's one write lock.
   */
  transactionLock(key: number): string | null;
  /**
   * A Prisma `contains` filter that ignores case, as SQLite's LIKE does for ASCII letters.
   * PostgreSQL's is case-sensitive unless told `mode: "insensitive"` (ILIKE), which SQLite's
   * client refuses: so the option is there on PostgreSQL only.
   */
  containsAnyCase(text: string): { contains: string };
  /**
   * Whether the SQL layer's engine is one synchronous connection that a writer outside
   * Prisma may use between the layer's statements (SQLite's: sqliteConnectionOf, the audit
   * writer's); else it goes through the layer's pool.
   */
  readonly ownSyncConnection: boolean;
  /** The Prisma client (the engine's generated client and driver adapter, typed as one `Db`). */
  prismaClient(url: string, options: PrismaOptions): Promise<PrismaClient>;
  /** The SQL layer's engine (Kysely). */
  openEngine(url: string, options: EngineOptions): Promise<Engine>;
  /** Applies the engine's committed migrations (`dir`: its own folder by default). */
  migrate(url: string, dir?: string): Promise<MigrationResult>;
  /** The importers' connection (core/imports/driver/). */
  openImportDb(url: string): Promise<ImportDb>;
};
