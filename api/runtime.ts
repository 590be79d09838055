/**
 * One process, assembled: the queues, the services, and — by ROLE — the HTTP app (API,
 * bot, tab) and the workers. `npm start` and the integration tests both build it here,
 * so tests run exactly what serves.
 */
import type { BotFrameworkAuthentication } from "botframework-connector";
import pino from "pino";
import { botTokenProvider, createTeamsSender } from "../bot/proactive.js";
import type { TokenVerifier } from "../core/access/tokens.js";
import type { TeamsSender } from "../core/alerts/sender.port.js";
import type { Clock } from "../core/platform/clock.js";
import type { Config } from "../core/platform/config.js";
import type { Db } from "../core/platform/db.js";
import { withinMs } from "../core/platform/deadline.js";
import { loggerOptions } from "../core/platform/logger.js";
import { createServices } from "../core/services.js";
import { guardedQueue } from "../jobs/queue-guard.js";
import { createQueues, redisConnection } from "../jobs/queues.js";
import { upsertSchedules } from "../jobs/schedules.js";
import { startWorkers } from "../jobs/worker.js";
import { buildApp } from "./app.js";
import { producerConnection, redisAnswers } from "./redis.js";

export type RuntimeOptions = {
  config: Config;
  db: Db;
  clock: Clock;
  /** Log through the process's logger (npm start); by default only its warnings and errors, at LOG_LEVEL, outside the app. */
  logger?: boolean;
  /** Defaults from ROLE: `all` runs both. */
  api?: boolean;
  worker?: boolean;
  schedules?: boolean;
  botAuthentication?: BotFrameworkAuthentication;
  sender?: TeamsSender;
  verifyToken?: TokenVerifier;
  concurrency?: number;
};

export function teamsSenderFor(config: Config): TeamsSender {
  const appId = config.MICROSOFT_APP_ID;
  return createTeamsSender({
    appId,
    token: appId
      ? botTokenProvider({
          appId,
          password: config.MICROSOFT_APP_PASSWORD ?? "",
          tenantId: config.MICROSOFT_APP_TENANT_ID,
        })
      : undefined,
  });
}

export async function createRuntime(opts: RuntimeOptions) {
  const { config, db, clock } = opts;
  const runApi = opts.api ?? config.ROLE !== "worker";
  const runWorker = opts.worker ?? config.ROLE !== "api";
  // One logger per process (one pino-pretty thread when pretty): the app's when it logs,
  // and until the app exists (it is built with the services) warnings go to it too.
  const processLog = pino(loggerOptions(config));
  let log = processLog;
  // Every process queues work; only a worker needs the patient connection BullMQ's workers block on.
  const producer = producerConnection(config.REDIS_URL, config.QUEUE_WAIT_MS);
  const connection = runWorker ? redisConnection(config.REDIS_URL) : null;
  let redisDown = false;
  // ioredis reconnects by itself; say once that Redis went and once that it came back.
  producer.on("error", (err: Error) => {
    if (!redisDown) log.warn({ err: err.message }, "Redis is not answering: alerts wait in the database");
    redisDown = true;
  });
  producer.on("ready", () => {
    if (redisDown) log.info("Redis answers again");
    redisDown = false;
  });
  const queues = createQueues(producer, config.QUEUE_PREFIX);
  const queue = guardedQueue(queues.port, config.QUEUE_WAIT_MS, (fields, message) => log.warn(fields, message));
  const services = createServices({ db, config, clock, queue, verifyToken: opts.verifyToken });
  const app = runApi
    ? await buildApp({
        services,
        logger: opts.logger ? processLog : undefined,
        botAuthentication: opts.botAuthentication,
        queues,
        redisAnswers: () => redisAnswers(producer),
      })
    : null;
  if (app) log = app.log as typeof log;
  const workers = connection
    ? startWorkers({
        services,
        connection,
        prefix: config.QUEUE_PREFIX,
        sender: opts.sender ?? teamsSenderFor(config),
        log,
        concurrency: opts.concurrency,
        lockDurationMs: config.JOB_LOCK_SECONDS * 1_000,
      })
    : null;
  if (runWorker && (opts.schedules ?? true)) await upsertSchedules(queues.alerts, config.policy);
  return {
    app,
    services,
    queues,
    workers,
    /** The connection this process queues work on (and asks Redis through). */
    redis: producer,
    log,
    /**
     * Stops taking work (new requests get 503), lets running requests, imports and jobs
     * finish for SHUTDOWN_GRACE_SECONDS, then closes what is left: a slow client's
     * connection is cut, and a job still running is left to BullMQ, which gives it to
     * another worker (or this one restarted) as stalled. Imports write in batches, each
     * all or nothing, so one cut short is re-run and nothing is half-written.
     */
    async close() {
      const graceMs = config.SHUTDOWN_GRACE_SECONDS * 1_000;
      const finished = Promise.all([app?.close(), workers?.close()]).then(() => "finished" as const);
      const outcome = await withinMs(finished, graceMs, () => "over" as const);
      if (outcome === "over") {
        // Cut what is left: slow clients' connections, and Redis (a job still running loses
        // its lock and runs again, as stalled, in a worker that is up). Nothing waits on them.
        log.warn({ graceMs }, "shutdown grace over: closing the remaining connections and jobs");
        app?.server.closeAllConnections();
        connection?.disconnect();
        producer.disconnect();
        return;
      }
      await queues.close();
      await Promise.all([connection?.quit(), producer.quit()].map((quit) => quit?.catch(() => undefined)));
    },
  };
}
export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
