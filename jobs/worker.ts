/**
 * The workers: one for the whole-school jobs (scan, escalate, reconcile; one at a time)
 * and one for deliveries (many at once; Teams' limits are kept by the pacer). Both switch
 * on job.name, parse the payload, and close gracefully: active jobs finish first.
 */
import { type ConnectionOptions, type Job, UnrecoverableError, Worker } from "bullmq";
import type { FastifyBaseLogger } from "fastify";
import type { Redis } from "ioredis";
import { tabLinksFor } from "../cards/views/tab-links.js";
import { runScan } from "../core/alerts/scan.js";
import type { TeamsSender } from "../core/alerts/sender.port.js";
import { withinMs } from "../core/platform/deadline.js";
import type { Services } from "../core/services.js";
import { createPacer } from "./pacer.js";
import { deliver, updateCard } from "./processors/deliver.js";
import { deliverPost, updatePost } from "./processors/deliver-post.js";
import { escalate, reconcile } from "./processors/housekeeping.js";
import { createQueues, payloads, QUEUES } from "./queues.js";
import { catchUpOnReconnect } from "./recovery.js";

export type WorkerOptions = {
  services: Services;
  connection: Redis;
  prefix: string;
  sender: TeamsSender;
  log: FastifyBaseLogger;
  /** Deliveries in flight at once; the pacer, not this, holds the rate. */
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal (BullMQ's default: 30 s). A worker killed
   * mid-job gives its jobs back once their locks lapse, at the next stalled check (run
   * every lock duration): the bound on recovering from a killed worker.
   */
  lockDurationMs?: number;
};

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  data: unknown,
): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError("job payload is not valid");
  return parsed.data;
}

export function startWorkers({
  services,
  connection,
  prefix,
  sender,
  log,
  concurrency = 20,
  lockDurationMs = 30_000,
}: WorkerOptions) {
  const { db, calendars, clock, config, queue } = services;
  const policy = config.policy;
  const pacer = createPacer(connection, { prefix });
  const deps = { db, sender, pacer, links: tabLinksFor(config.PUBLIC_URL), queue, clock, audit: services.audit };
  const options = {
    connection: connection as ConnectionOptions,
    prefix,
    lockDuration: lockDurationMs,
    stalledInterval: lockDurationMs,
  };

  const alerts = new Worker(
    QUEUES.alerts,
    async (job) => {
      switch (job.name) {
        case "scan":
          return runScan({ db, calendars, policy, clock, queue }, parse(payloads.scan, job.data));
        case "escalate":
          return escalate({ db, calendars, policy, clock, queue });
        case "reconcile":
          return reconcile({ db, queue, clock });
        default:
          throw new UnrecoverableError(`unknown job ${job.name}`);
      }
    },
    { ...options, concurrency: 1 },
  );

  // Sends under way in this process. Redis forgetting their jobs does not stop them: they
  // finish and record themselves, so the catch-up below waits for them first (otherwise it
  // would queue again a card a running job is about to record as sent).
  const inFlight = new Set<Promise<unknown>>();
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  };
  const deliveries = new Worker(QUEUES.deliveries, async (job: Job, token) => tracked(deliveryJob(job, token)), {
    ...options,
    concurrency,
  });
  async function deliveryJob(job: Job, token: string | undefined) {
    switch (job.name) {
      case "deliver":
        parse(payloads.deliver, job.data);
        return deliver(deps, job, token);
      case "updateCard":
        parse(payloads.updateCard, job.data);
        return updateCard(deps, job, token);
      case "deliverPost":
        parse(payloads.deliverPost, job.data);
        return deliverPost(deps, job, token);
      case "updatePost":
        return updatePost(deps, job, token, parse(payloads.updatePost, job.data).postId);
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }

  for (const worker of [alerts, deliveries]) {
    // Ids and reasons only: job data never holds personal data, errors never should.
    worker.on("failed", (job, err) =>
      log.warn({ queue: worker.name, job: job?.name, id: job?.id, err: err.message }, "job failed"),
    );
    worker.on("error", (err) => log.error({ queue: worker.name, err: err.message }, "worker error"));
  }

  // On the worker's own connection, which waits for Redis rather than giving up (the
  // services' queue leaves work to the reconciler when Redis is away: this is that path).
  const recovery = createQueues(connection, prefix);
  const catchUp = catchUpOnReconnect(connection, log, async () => {
    await withinMs(Promise.allSettled([...inFlight]), lockDurationMs, () => undefined);
    return reconcile({ db, queue: recovery.port, clock });
  });

  return {
    alerts,
    deliveries,
    /** Stops taking jobs and waits for running ones; `force`: stops at once (a job cut short runs again, as stalled). */
    async close(force = false) {
      catchUp.stop();
      await Promise.all([alerts.close(force), deliveries.close(force)]);
      await recovery.close();
    },
  };
}
export type Workers = ReturnType<typeof startWorkers>;
