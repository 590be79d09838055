/**
 * `npm start`: read settings, migrate, seed the demo authority into an empty database,
 * serve, and close cleanly on SIGINT/SIGTERM.
 */
import { fixedClock, systemClock } from "../core/platform/clock.js";
import { ConfigError, loadConfig, loadDotEnv } from "../core/platform/config.js";
import { createDb } from "../core/platform/db.js";
import { migrate } from "../core/platform/migrate.js";
import { createServices } from "../core/services.js";
import { seedDemo } from "../prisma/seed/index.js";
import { buildApp, loggerOptions } from "./app.js";

async function main() {
  loadDotEnv();
  const config = loadConfig();
  const { applied } = migrate(config.DATABASE_URL);
  const db = await createDb(config.DATABASE_URL);
  const clock = config.CLOCK_TODAY ? fixedClock(config.CLOCK_TODAY) : systemClock;
  const app = await buildApp({ services: createServices({ db, config, clock }), logger: loggerOptions(config) });
  if (applied.length > 0) app.log.info({ applied }, "database migrated");
  if (config.SEED_DEMO && (await db.child.count()) === 0) {
    const summary = await seedDemo(db, { today: clock.today(), laCode: config.AUTHORITY_LA_CODE });
    app.log.info({ summary }, "demo authority seeded");
  }

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    await app.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.once("SIGINT", close);
  process.once("SIGTERM", close);

  const address = await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info(`Virtual School in Teams is at ${address} (API docs: ${address}/docs)`);
  if (config.AUTH_MODE === "dev") app.log.info("Get a token: npm run token -- vsh@demo.local");
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error("Could not start:", err);
  }
  process.exit(1);
});
