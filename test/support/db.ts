/**
 * A real, migrated database per test file, with the project's own runner: a temp SQLite
 * file by default; with TEST_DATABASE=postgres (npm run test:pg) a fresh PostgreSQL
 * database on TEST_PG_URL's server (test/support/pg.ts), dropped at close.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db } from "../../core/platform/db.js";
import { migrate } from "../../core/platform/migrate.js";
import { createPgDatabase, dropPgDatabase } from "./pg.js";

export type TestDb = { url: string; db: Db; dir: string; close(): Promise<void> };

/** The engine the tests run on: TEST_DATABASE=postgres, or SQLite. */
export const TEST_ENGINE: "sqlite" | "postgres" = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

export async function createTestDb(
  name = "test",
  options: { busyWaitMs?: number; poolSize?: number; engine?: "sqlite" | "postgres" } = {},
): Promise<TestDb> {
  const { engine = TEST_ENGINE, ...dbOptions } = options;
  // A temp folder for either engine: some tests keep files next to their database.
  const dir = mkdtempSync(join(tmpdir(), `vs-${name}-`));
  const url = engine === "postgres" ? await createPgDatabase(name) : `file:${join(dir, "db.sqlite")}`;
  await migrate(url);
  // A small pool: test files run three at a time against one shared server.
  const db = await createDb(url, { poolSize: 4, ...dbOptions });
  return {
    url,
    db,
    dir,
    async close() {
      await db.$disconnect();
      if (engine === "postgres") await dropPgDatabase(url);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
