/**
 * A worker process for fault tests, to be killed with SIGKILL: the production workers
 * (jobs/worker.ts) over the test's SQLite file and Redis, with short job locks so that a
 * killed worker's jobs come back within seconds. Settings come from the environment the
 * test gives it (FAULTS_DATABASE_URL, FAULTS_REDIS_URL, FAULTS_PREFIX, FAULTS_LOCK_MS).
 * Prints "ready" once it is taking jobs.
 */
import pino from "pino";
import { createTeamsSender } from "../../bot/proactive.js";
import { fixedClock } from "../../core/platform/clock.js";
import { loadConfig } from "../../core/platform/config.js";
import { createDb } from "../../core/platform/db.js";
import { createServices } from "../../core/services.js";
import { createQueues, redisConnection } from "../../jobs/queues.js";
import { startWorkers } from "../../jobs/worker.js";
import { TODAY } from "./factories.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`faults-worker: ${name} is not set`);
  return value;
};

const config = loadConfig({
  NODE_ENV: "test",
  DATABASE_URL: env("FAULTS_DATABASE_URL"),
  REDIS_URL: env("FAULTS_REDIS_URL"),
  QUEUE_PREFIX: env("FAULTS_PREFIX"),
  LOG_LEVEL: "silent",
  ROLE: "worker",
  SEED_DEMO: "false",
});
const db = await createDb(config.DATABASE_URL);
const connection = redisConnection(config.REDIS_URL);
const queues = createQueues(connection, config.QUEUE_PREFIX);
const services = createServices({ db, config, clock: fixedClock(TODAY), queue: queues.port });
const workers = startWorkers({
  services,
  connection,
  prefix: config.QUEUE_PREFIX,
  sender: createTeamsSender({ timeoutMs: 5_000 }),
  log: pino({ level: "silent" }),
  lockDurationMs: Number(env("FAULTS_LOCK_MS")),
});
await Promise.all([workers.alerts.waitUntilReady(), workers.deliveries.waitUntilReady()]);
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void workers.close().then(() => process.exit(0));
});
