/**
 * The migration runner's PostgreSQL side (see migrate.ts). The whole run holds a session
 * advisory lock — the key Prisma's own engine takes for `migrate deploy`, so this runner and
 * Prisma's exclude each other too — and each migration is applied in its own transaction
 * (PostgreSQL's DDL is transactional).
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { recordedAtText } from "./clock.js";
import { type MigrationResult, type MigrationStore, PG_MIGRATIONS_DIR, runMigrations } from "./migrate.js";

/** Prisma Migrate's advisory lock key. */
export const MIGRATION_LOCK_KEY = 72707369;

// As Prisma's engine creates it on PostgreSQL.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const FINISHED = `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`;

export async function migratePg(url: string, dir = PG_MIGRATIONS_DIR): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Waits (asynchronously) while another process migrates; released with the session.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE);
    const store: MigrationStore = {
      async recorded() {
        const { rows } = await client.query<{ migration_name: string; checksum: string }>(FINISHED);
        return new Map(rows.map((r) => [r.migration_name, r.checksum] as const));
      },
      async applyOnce({ name, sql, checksum }) {
        await client.query("BEGIN");
        try {
          const { rowCount } = await client.query(`${FINISHED} AND migration_name = $1`, [name]);
          if (rowCount) {
            await client.query("ROLLBACK");
            return false;
          }
          const startedAt = recordedAtText();
          await client.query(sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, $3, $4, $5, 1)`,
            [randomUUID(), checksum, recordedAtText(), name, startedAt],
          );
          await client.query("COMMIT");
          return true;
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw err;
        }
      },
    };
    return await runMigrations(store, dir);
  } finally {
    // Ending the session releases the advisory lock.
    await client.end();
  }
}
