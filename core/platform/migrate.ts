/**
 * Applies the committed migrations in name order, each inside a transaction, recording
 * them in `_prisma_migrations` exactly as Prisma's own engine does, so `prisma migrate
 * status` agrees. Needs no Prisma engine: that is why start-up and tests can run on a
 * machine that reaches only the npm registry.
 *
 * Each engine has its own folder (a schema's provider is fixed): prisma/migrations for
 * SQLite, prisma/pg/migrations for PostgreSQL; the engine-specific SQL is in
 * migrate-sqlite.ts and migrate-pg.ts. Several processes may start together on one
 * database (the API, the worker): each engine's store takes a lock so that every migration
 * is applied once.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { dialectFor } from "./sql/dialect/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const MIGRATIONS_DIR = join(ROOT, "prisma/migrations");
export const PG_MIGRATIONS_DIR = join(ROOT, "prisma/pg/migrations");

export type MigrationResult = { applied: string[]; alreadyApplied: number };
export type Migration = { name: string; sql: string; checksum: string };

/** One engine's side of the runner. */
export interface MigrationStore {
  /** name → checksum of the migrations recorded as finished (and not rolled back). */
  recorded(): Promise<Map<string, string>>;
  /**
   * Applies `migration` and records it in one transaction, unless another process recorded
   * it first (then nothing is done and the answer is false).
   */
  applyOnce(migration: Migration): Promise<boolean>;
}

/** Path of the SQLite file behind a `file:` URL (relative paths are from the working directory). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:(\/\/)?/, "").split("?")[0] ?? "";
}

/** The migrations committed in `dir` (one folder each, holding migration.sql), in name order. */
export function committedMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies what `store` has not recorded yet; refuses a migration edited after it was applied. */
export async function runMigrations(store: MigrationStore, dir: string): Promise<MigrationResult> {
  const done = await store.recorded();
  const applied: string[] = [];
  let alreadyApplied = done.size;
  for (const migration of committedMigrations(dir)) {
    const previous = done.get(migration.name);
    if (previous !== undefined) {
      if (previous !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
      }
      continue;
    }
    if (await store.applyOnce(migration)) applied.push(migration.name);
    else alreadyApplied++;
  }
  return { applied, alreadyApplied };
}

/** Applies migrations for any supported DATABASE_URL (`dir`: that engine's folder by default). */
export async function migrate(url: string, dir?: string): Promise<MigrationResult> {
  return dialectFor(url).migrate(url, dir);
}
