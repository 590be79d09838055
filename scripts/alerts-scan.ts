/**
 * `npm run alerts:scan`: runs the alert scan now, in this process, and queues the
 * deliveries for the workers (those of `npm start`, or `ROLE=worker`). Prints counts only.
 */

import { ensureRedis } from "../api/redis.js";
import { runScan } from "../core/alerts/scan.js";
import { createCalendarRepo } from "../core/calendar/calendar.repo.js";
import { clockFor } from "../core/platform/clock.js";
import { loadConfig, loadDotEnv } from "../core/platform/config.js";
import { createDb, dbOptions } from "../core/platform/db.js";
import { migrate } from "../core/platform/migrate.js";
import { createQueues, redisConnection } from "../jobs/queues.js";

loadDotEnv();
const config = loadConfig();
await ensureRedis(config);
await migrate(config.DATABASE_URL);
const db = await createDb(config.DATABASE_URL, dbOptions(config));
const connection = redisConnection(config.REDIS_URL);
const queues = createQueues(connection, config.QUEUE_PREFIX);
const clock = clockFor(config);
try {
  const result = await runScan({
    db,
    calendars: createCalendarRepo(db, config.AUTHORITY_LA_CODE),
    policy: config.policy,
    clock,
    queue: queues.port,
  });
  console.log(
    `Scanned ${result.children} children on ${result.today}: ${result.candidates} conditions, ${result.created} new alerts, ${result.deliveries} deliveries queued.`,
  );
} finally {
  await queues.close();
  await connection.quit();
  await db.$disconnect();
}
