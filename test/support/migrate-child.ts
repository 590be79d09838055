/**
 * A process that migrates a database when told to (migrate.test.ts starts two at once):
 * `tsx migrate-child.ts <url> <dir>` prints "ready", waits for a line on stdin, migrates,
 * prints the result as JSON and exits 0 (1 on failure).
 */
import { createInterface } from "node:readline";
import { migrate } from "../../core/platform/migrate.js";

const [url, dir] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin });
console.log("ready");
await new Promise((resolve) => lines.once("line", resolve));
lines.close();
try {
  console.log(JSON.stringify(await migrate(url!, dir)));
} catch (err) {
  console.error(err);
  process.exitCode = 1;
}
