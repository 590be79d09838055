/**
 * One process, assembled: the queues, the services, and — by ROLE — the HTTP app (API,
 * bot, tab) and the workers. `npm start` and the integration tests both build it here,
 * so tests run exactly what serves.
 */
import type { BotFrameworkAuthentication } from "botframework-connector";
import type { FastifyServerOptions } from "fastify";
import pino from "pino";
import { botTokenProvider, createTeamsSender, type TeamsSender } from "../bot/proactive.js";
import type { TokenVerifier } from "../core/access/tokens.js";
import type { Clock } from "../core/platform/clock.js";
import type { Config } from "../core/platform/config.js";
import type { Db } from "../core/platform/db.js";
import { loggerOptions } from "../core/platform/logger.js";
import { createServices } from "../core/services.js";
import { createQueues, redisConnection } from "../jobs/queues.js";
import { upsertSchedules } from "../jobs/schedules.js";
import { startWorkers } from "../jobs/worker.js";
import { buildApp } from "./app.js";

export type RuntimeOptions = {
  config: Config;
  db: Db;
  clock: Clock;
  logger?: FastifyServerOptions["logger"];
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
  const connection = redisConnection(config.REDIS_URL);
  const queues = createQueues(connection, config.QUEUE_PREFIX);
  const services = createServices({ db, config, clock, queue: queues.port, verifyToken: opts.verifyToken });
  const app = runApi
    ? await buildApp({ services, logger: opts.logger, botAuthentication: opts.botAuthentication, queues })
    : null;
  const log = app?.log ?? pino(loggerOptions(config));
  const workers = runWorker
    ? startWorkers({
        services,
        connection,
        prefix: config.QUEUE_PREFIX,
        sender: opts.sender ?? teamsSenderFor(config),
        log,
        concurrency: opts.concurrency,
      })
    : null;
  if (runWorker && (opts.schedules ?? true)) await upsertSchedules(queues.alerts, config.policy);
  return {
    app,
    services,
    queues,
    workers,
    connection,
    log,
    /** Stops taking work, lets running jobs finish, then closes connections. */
    async close() {
      await app?.close();
      await workers?.close();
      await queues.close();
      await connection.quit();
    },
  };
}
export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
