/**
 * Another process holding the SQLite write lock (`BEGIN IMMEDIATE`) for a while, as a long
 * import batch or a backup tool would: a child process, so the lock is released on its
 * own schedule whatever this process's event loop is doing.
 */
import { spawn } from "node:child_process";

const SCRIPT = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\\n");
setTimeout(() => { db.exec("COMMIT"); db.close(); process.stdout.write("released\\n"); }, Number(process.argv[2]));
`;

/** Resolves once the lock is held, with a promise for when it is released (ms since epoch). */
export async function holdWriteLock(path: string, ms: number): Promise<{ released: Promise<number> }> {
  const child = spawn(process.execPath, ["-e", SCRIPT, path, String(ms)], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let seen = "";
  let onLocked: () => void = () => undefined;
  let onReleased: (at: number) => void = () => undefined;
  const locked = new Promise<void>((resolve) => {
    onLocked = resolve;
  });
  const released = new Promise<number>((resolve) => {
    onReleased = resolve;
  });
  child.stdout.on("data", (chunk: Buffer) => {
    seen += chunk.toString();
    if (seen.includes("locked")) onLocked();
    if (seen.includes("released")) onReleased(Date.now());
  });
  await locked;
  return { released };
}
