/** A real SQLite database in a temp file, migrated with the project's own runner. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db } from "../../core/platform/db.js";
import { migrate } from "../../core/platform/migrate.js";

export type TestDb = { url: string; db: Db; dir: string; close(): Promise<void> };

export async function createTestDb(name = "test", options: { busyWaitMs?: number } = {}): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), `vs-${name}-`));
  const url = `file:${join(dir, "db.sqlite")}`;
  migrate(url);
  const db = await createDb(url, options);
  return {
    url,
    db,
    dir,
    async close() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
