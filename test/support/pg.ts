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

/** Creates `to` (a URL on the test server) as a copy of `from`, rows and sequences; nobody may be connected to `from`. */
export async function copyPgDatabase(from: string, to: string): Promise<void> {
  const name = (url: string) => `"${decodeURIComponent(new URL(url).pathname.slice(1)).replaceAll('"', '""')}"`;
  await admin((c) => c.query(`CREATE DATABASE ${name(to)} TEMPLATE ${name(from)}`));
}

/**
 * Whether the test server answers. Outside CI, tests that need it skip with one line saying
 * why; in CI (`CI` set, where PostgreSQL always runs) its absence fails the file instead,
 * as a missing input does (test/support/inputs.ts).
 */
export async function pgAvailable(): Promise<boolean> {
  if (await admin(async () => true).catch(() => false)) return true;
  const message = `PostgreSQL does not answer at ${PG_ADMIN_URL}`;
  if (process.env.CI) throw new Error(`${message}, and CI must have it: CI never skips these tests.`);
  console.warn(`${message}: its tests are skipped.`);
  return false;
}
