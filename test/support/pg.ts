/**
 * Throwaway PostgreSQL databases for tests: one per test file (or per test that needs a
 * fresh one), on the server at TEST_PG_URL (default: postgres on 127.0.0.1:5432, trust
 * auth, as here and on CI), dropped at close.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

/** A maintenance connection's URL: any database on the server that may create others. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL of `database` on the test server. */
function urlOf(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates an empty database named after `name` (made unique) and returns its URL. */
export async function createPgDatabase(name: string): Promise<string> {
  const database = `vs_${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 30)}_${randomBytes(5).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${database}"`));
  return urlOf(database);
}

/** Drops the database behind `url`, ending any connection still open to it. */
export async function dropPgDatabase(url: string): Promise<void> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`));
}

/** Whether the test server answers (tests that need it say so and skip when it does not). */
export async function pgAvailable(): Promise<boolean> {
  return admin(async () => true).catch(() => false);
}
