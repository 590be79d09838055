/**
 * The committed migrations build exactly the schema, on both engines: applied to a fresh
 * database by the project's runner, Prisma's schema engine finds no difference between the
 * database and prisma/schema.prisma (SQLite) or prisma/pg/schema.prisma (PostgreSQL). A
 * model changed without its migration fails here.
 *
 * The schema engine is the developer tool ../shared/tools/prisma-schema-engine.mjs (README,
 * "Prisma without its binary host"), or PRISMA_SCHEMA_ENGINE_SHIM; without it the check is
 * skipped with a line saying so.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../core/platform/migrate.js";
import { PG_SCHEMA, SQLITE_SCHEMA } from "../../scripts/pg-schema.js";
import { createPgDatabase, dropPgDatabase, pgAvailable } from "../support/pg.js";

const run = promisify(execFile);
const shim = [
  process.env.PRISMA_SCHEMA_ENGINE_SHIM,
  resolve("../shared/tools/prisma-schema-engine.mjs"),
  // A git worktree one level further down (e.g. wt/<name>) shares the same tools.
  resolve("../../shared/tools/prisma-schema-engine.mjs"),
].find((p): p is string => Boolean(p && existsSync(p)));
if (!shim) console.log("The schema engine stand-in (../shared/tools) is absent: the drift checks are skipped.");
const hasPg = await pgAvailable();
if (!hasPg) console.log("PostgreSQL is not reachable at TEST_PG_URL: its drift check is skipped.");

const dir = mkdtempSync(join(tmpdir(), "vs-drift-"));
const pgDatabases: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all(pgDatabases.map(dropPgDatabase));
});

/** `prisma migrate diff` from the database at `url` to `schema`: exit 0 when they agree, 2 when they differ. */
async function diff(url: string, schema: string): Promise<{ code: number; output: string }> {
  const cli = resolve("node_modules/prisma/build/index.js");
  const args = [cli, "migrate", "diff", "--from-config-datasource", "--to-schema", schema, "--exit-code"];
  const env = { ...process.env, DATABASE_URL: url, PRISMA_SCHEMA_ENGINE_BINARY: shim!, CHECKPOINT_DISABLE: "1" };
  try {
    const { stdout } = await run(process.execPath, args, { env, timeout: 60_000 });
    return { code: 0, output: stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

const engines = [
  {
    name: "SQLite",
    schema: SQLITE_SCHEMA,
    fresh: async () => `file:${join(mkdtempSync(join(dir, "sqlite-")), "db.sqlite")}`,
  },
  ...(hasPg
    ? [
        {
          name: "PostgreSQL",
          schema: PG_SCHEMA,
          async fresh() {
            const url = await createPgDatabase("drift");
            pgDatabases.push(url);
            return url;
          },
        },
      ]
    : []),
];

describe.skipIf(!shim).each(engines)("committed migrations on $name", (engine) => {
  it("build exactly the schema (the schema engine finds no difference)", async () => {
    const url = await engine.fresh();
    await migrate(url);
    const result = await diff(url, engine.schema);
    expect(result.output).toContain("No difference detected");
    expect(result.code).toBe(0);
  }, 90_000);

  it("are told apart from a database that lacks a column (the check can fail)", async () => {
    const url = await engine.fresh();
    await migrate(url);
    const { createDb } = await import("../../core/platform/db.js");
    const db = await createDb(url);
    await db.$executeRawUnsafe(`ALTER TABLE "School" DROP COLUMN "laestab"`);
    await db.$disconnect();
    const result = await diff(url, engine.schema);
    expect(result.code, result.output).toBe(2);
    expect(result.output).toContain("laestab");
  }, 90_000);
});
