/**
 * `npm run db:seed [-- --reset]`: migrates, then writes the demo authority into an empty
 * database. `--reset` empties every table first (all data is lost: demo machines only).
 * Prints counts, never names: the output may end up in a shared terminal or CI log.
 */
import { clockFor } from "../core/platform/clock.js";
import { ConfigError, loadConfig, loadDotEnv } from "../core/platform/config.js";
import { createDb, dbOptions } from "../core/platform/db.js";
import { migrate } from "../core/platform/migrate.js";
import { deleteAllRows, seedDemo } from "./seed/index.js";

async function main(): Promise<void> {
  const reset = process.argv.includes("--reset");
  loadDotEnv();
  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  const db = await createDb(config.DATABASE_URL, dbOptions(config));
  try {
    if (reset) await deleteAllRows(db);
    else if ((await db.child.count()) > 0) {
      console.log("Database already seeded (it has children); use --reset to start again.");
      return;
    }
    const clock = clockFor(config);
    const today = clock.today();
    const started = performance.now();
    const summary = await seedDemo(db, {
      today,
      laCode: config.AUTHORITY_LA_CODE,
      now: clock.now(),
      policy: config.policy,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Seeded the demo authority (LA ${config.AUTHORITY_LA_CODE}) around ${today} in ${seconds} s:`);
    for (const [table, count] of Object.entries(summary)) console.log(`  ${table.padEnd(16)} ${count}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
