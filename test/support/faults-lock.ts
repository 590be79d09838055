/**
 * Another writer holding the database's write lock for a while, as a long import batch or
 * a backup tool would: a child process, so the lock is released on its own schedule
 * whatever this process's event loop is doing.
 *
 * On SQLite, `BEGIN IMMEDIATE` on the file: readers go on, every other writer waits. On
 * PostgreSQL the same, table by table: a transaction holding every table of the schema
 * `IN EXCLUSIVE MODE` (plain reads go on; inserts, updates, deletes and row locks wait).
 */
import { spawn } from "node:child_process";
import { sqlitePath } from "../../core/platform/migrate.js";
import { engineOf } from "../../core/platform/sql/dialect/index.js";

const SQLITE = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\\n");
setTimeout(() => { db.exec("COMMIT"); db.close(); process.stdout.write("released\\n"); }, Number(process.argv[2]));
`;

const POSTGRES = `
const pg = require("pg");
const client = new pg.Client({ connectionString: process.argv[1] });
(async () => {
  await client.connect();
  const { rows } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
  const tables = rows.map((r) => '"' + r.tablename.replaceAll('"', '""') + '"').join(", ");
  // All at once or none: waiting for one table while holding others would deadlock with a
  // writer doing the opposite (PostgreSQL then refuses one of the two), so each try takes
  // them NOWAIT, and lets go of all to try again a moment later.
  for (const end = Date.now() + 20_000; ; ) {
    await client.query("BEGIN");
    try {
      await client.query("LOCK TABLE " + tables + " IN EXCLUSIVE MODE NOWAIT");
      break;
    } catch (err) {
      await client.query("ROLLBACK");
      if (err.code !== "55P03" || Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  process.stdout.write("locked\\n");
  setTimeout(async () => {
    await client.query("COMMIT");
    await client.end();
    process.stdout.write("released\\n");
  }, Number(process.argv[2]));
})().catch((err) => { console.error(err); process.exit(1); });
`;

/**
 * Holds the write lock of the database at `url` (a file: or postgresql:// URL) for `ms`;
 * resolves once it is held, with a promise for when it is released (ms since epoch).
 */
export async function holdWriteLock(url: string, ms: number): Promise<{ released: Promise<number> }> {
  const [script, target] = engineOf(url) === "sqlite" ? [SQLITE, sqlitePath(url)] : [POSTGRES, url];
  const child = spawn(process.execPath, ["-e", script, target, String(ms)], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let seen = "";
  let onLocked: () => void = () => undefined;
  let onReleased: (at: number) => void = () => undefined;
  let onFailed: (err: Error) => void = () => undefined;
  const locked = new Promise<void>((resolve, reject) => {
    onLocked = resolve;
    onFailed = reject;
  });
  const released = new Promise<number>((resolve) => {
    onReleased = resolve;
  });
  child.stdout.on("data", (chunk: Buffer) => {
    seen += chunk.toString();
    if (seen.includes("locked")) onLocked();
    if (seen.includes("released")) onReleased(Date.now());
  });
  child.on("exit", (code) => onFailed(new Error(`the lock holder ended (code ${code}) before it held the lock`)));
  await locked;
  return { released };
}
