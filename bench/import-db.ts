/**
 * The import bench's databases on either engine: a temp SQLite file, or (with
 * `--engine=postgres`, or BENCH_DATABASE=postgres) a fresh database on the PostgreSQL
 * server at BENCH_PG_URL (default: postgres on 127.0.0.1:5432), dropped afterwards. Both
 * migrated with the project's own runner. Also each engine's floor for the same marks:
 * what the database alone costs to take them in the fastest plain way it has.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Database from "better-sqlite3";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { migrate, sqlitePath } from "../core/platform/migrate.js";

export type BenchEngine = "sqlite" | "postgres";

export const benchEngine = (args: readonly string[]): BenchEngine =>
  args.includes("--engine=postgres") || process.env.BENCH_DATABASE === "postgres" ? "postgres" : "sqlite";

const PG_ADMIN_URL = process.env.BENCH_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A migrated, empty database named after `name`; `drop` removes it. */
export async function benchDatabase(
  engine: BenchEngine,
  dir: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === "sqlite") {
    const url = `file:${join(dir, `${name}.db`)}`;
    await migrate(url);
    return { url, drop: async () => undefined };
  }
  const database = `vs_bench_${name.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${database}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  await migrate(url.toString());
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`) };
}

type Row = [number, string, string, string];

/**
 * The engine alone taking `marks` (child ids from 1) in batches of `batch`, a transaction
 * each: SQLite, prepared one-row inserts on the importer's connection settings; PostgreSQL,
 * COPY straight into AttendanceMark. Returns the rows inserted.
 */
export async function insertFloor(
  engine: BenchEngine,
  url: string,
  marks: readonly Row[],
  batch: number,
): Promise<number> {
  let inserted = 0;
  if (engine === "sqlite") {
    const raw = new Database(sqlitePath(url), { timeout: 5_000 });
    raw.pragma("synchronous = NORMAL");
    raw.pragma("cache_size = -65536");
    raw.pragma("foreign_keys = ON");
    const insert = raw.prepare(
      `INSERT INTO "AttendanceMark" ("childId", "date", "session", "code") VALUES (?, ?, ?, ?)`,
    );
    const write = raw.transaction((part: readonly Row[]) => {
      for (const [c, date, session, code] of part) inserted += insert.run(c + 1, date, session, code).changes;
    });
    for (let i = 0; i < marks.length; i += batch) write(marks.slice(i, i + batch));
    raw.close();
    return inserted;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const esc = (v: string) => v.replaceAll("\\", "\\\\");
    for (let i = 0; i < marks.length; i += batch) {
      const part = marks.slice(i, i + batch);
      await client.query("BEGIN");
      const lines = part.map(([c, date, session, code]) => `${c + 1}\t${date}\t${session}\t${esc(code)}\n`);
      const copy = client.query(copyFrom(`COPY "AttendanceMark" ("childId", "date", "session", "code") FROM STDIN`));
      await pipeline(Readable.from([lines.join("")]), copy);
      inserted += Number(copy.rowCount);
      await client.query("COMMIT");
    }
  } finally {
    await client.end();
  }
  return inserted;
}
