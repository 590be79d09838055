/**
 * `npm start`: read settings, make sure Redis answers, migrate, seed the demo authority
 * into an empty database, then serve (ROLE=all|api) and work (ROLE=all|worker). SIGINT
 * and SIGTERM close it cleanly: the server stops accepting, running jobs finish.
 */
import { clockFor } from "../core/platform/clock.js";
import { ConfigError, loadConfig, loadDotEnv } from "../core/platform/config.js";
import { createDb, dbOptions } from "../core/platform/db.js";
import { loggerOptions } from "../core/platform/logger.js";
import { migrate } from "../core/platform/migrate.js";
import { seedDemo } from "../prisma/seed/index.js";
import { scheduleDemoRegisters } from "./demo-registers.js";
import { ensureRedis, RedisUnavailable } from "./redis.js";
import { createRuntime } from "./runtime.js";

async function main() {
  loadDotEnv();
  const config = loadConfig();
  const privateRedis = await ensureRedis(config);
  const { applied } = await migrate(config.DATABASE_URL);
  const db = await createDb(config.DATABASE_URL, dbOptions(config));
  const clock = clockFor(config);
  const runtime = await createRuntime({ config, db, clock, logger: loggerOptions(config) });
  const { log } = runtime;
  if (privateRedis) log.info("no Redis was running: started a private redis-server for this process");
  if (applied.length > 0) log.info({ applied }, "database migrated");
  let cancelDemoRegisters: () => void = () => undefined;
  if (config.SEED_DEMO && (await db.child.count()) === 0) {
    const seeded = { today: clock.today(), laCode: config.AUTHORITY_LA_CODE, policy: config.policy };
    const summary = await seedDemo(db, { ...seeded, now: clock.now() });
    log.info({ summary }, "demo authority seeded");
    cancelDemoRegisters = scheduleDemoRegisters({
      db,
      clock,
      ...seeded,
      onWritten: (marks) => log.info({ marks }, "demo registers closed: today's marks written"),
    });
  }

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down: finishing running jobs");
    // A backstop: whatever still hangs after the grace and ten seconds more, the process ends.
    setTimeout(() => process.exit(1), (config.SHUTDOWN_GRACE_SECONDS + 10) * 1_000).unref();
    cancelDemoRegisters();
    await runtime.close();
    await db.$disconnect();
    privateRedis?.kill();
    process.exit(0);
  };
  process.once("SIGINT", close);
  process.once("SIGTERM", close);

  if (runtime.app) {
    const address = await runtime.app.listen({ host: config.HOST, port: config.PORT });
    log.info(`Virtual School in Teams is at ${address} (API docs: ${address}/docs)`);
    if (config.AUTH_MODE === "dev") log.info("Get a token: npm run token -- vsh@demo.local");
  }
  if (runtime.workers) log.info({ role: config.ROLE }, "alert workers running");
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof RedisUnavailable) console.error(err.message);
  else console.error("Could not start:", err);
  process.exit(1);
});
