/**
 * Queue names, job names and their payloads (ids only: no child data in Redis), and the
 * producer side that the core sees as an AlertQueue. Two queues: `alerts` for the
 * scheduled whole-school jobs (one at a time), `deliveries` for the many sends.
 */
import { type ConnectionOptions, Queue } from "bullmq";
import { Redis } from "ioredis";
import { z } from "zod";
import type { AlertQueue, DueDelays } from "../core/alerts/queue.port.js";
import { registersClosedInput } from "../core/attendance/registers.js";
import { elapsedMs } from "../core/platform/clock.js";

export const QUEUES = { alerts: "alerts", deliveries: "deliveries" } as const;

export const payloads = {
  scan: z.object({ registersClosed: registersClosedInput.optional() }),
  escalate: z.object({}),
  reconcile: z.object({}),
  deliver: z.object({ deliveryId: z.number().int().positive() }),
  updateCard: z.object({ deliveryId: z.number().int().positive() }),
  deliverPost: z.object({ postId: z.number().int().positive() }),
  updatePost: z.object({ postId: z.number().int().positive() }),
};

/** Job ids may not contain ":"; these are stable so adding a queued one twice is a no-op. */
export const jobIds = {
  deliver: (id: number) => `deliver-${id}`,
  /** A card changes each time someone answers: one update per answer, never two at once. */
  updateCard: (id: number, version: number) => `update-${id}-${version}`,
  deliverPost: (id: number) => `post-${id}`,
  updatePost: (id: number, version: number) => `update-post-${id}-${version}`,
};

/** Deliveries retry 412/5xx with exponential backoff; 429 waits are delays, not attempts. */
export const DELIVERY_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { count: 5_000 },
  removeOnFail: { count: 5_000 },
} as const;

/**
 * The whole-school jobs are safe to run again: a scan's alerts, deliveries and digests are
 * keyed (ON CONFLICT DO NOTHING), escalation skips what it has escalated, reconcile only
 * queues what is unsent. So one that fails, most often on a database busy past its wait
 * (DatabaseBusy), is tried again later instead of being lost until the next schedule;
 * a copy an earlier attempt wrote but never queued goes out with the reconciler. Bad input
 * (UnrecoverableError) is not retried.
 */
export const ALERT_JOB_OPTIONS = {
  attempts: 4,
  backoff: { type: "exponential", delay: 15_000 },
} as const;

export function redisConnection(url: string): Redis {
  // BullMQ's workers block on Redis, so a request must never give up on its own.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export type Queues = ReturnType<typeof createQueues>;

export function createQueues(connection: Redis, prefix: string) {
  const options = { connection: connection as ConnectionOptions, prefix };
  // Also the template of the schedules' jobs (upsertJobScheduler merges the defaults in).
  const alerts = new Queue(QUEUES.alerts, { ...options, defaultJobOptions: ALERT_JOB_OPTIONS });
  const deliveries = new Queue(QUEUES.deliveries, { ...options, defaultJobOptions: DELIVERY_JOB_OPTIONS });
  // Connection errors are the connection's to report (api/runtime.ts says once that Redis
  // went and once that it came back); each call that fails says so to its caller.
  for (const queue of [alerts, deliveries]) queue.on("error", () => undefined);
  /**
   * Adds one job per id under a stable job id: an id whose job is still waiting, delayed or
   * running is left to that job (adding twice is a no-op). A delivery not yet due is a
   * delayed job, run when it is (the deliver job checks again: deliver.ts).
   */
  const add = async (name: "deliver" | "deliverPost", ids: readonly number[], delays?: DueDelays) => {
    if (ids.length === 0) return;
    const idOf = name === "deliver" ? jobIds.deliver : jobIds.deliverPost;
    await clearFinished(ids.map(idOf));
    await deliveries.addBulk(
      ids.map((id) =>
        name === "deliver"
          ? { name, data: { deliveryId: id }, opts: { jobId: idOf(id), delay: delays?.get(id) ?? 0 } }
          : { name, data: { postId: id }, opts: { jobId: idOf(id) } },
      ),
    );
  };
  /**
   * A finished job keeps its id (removeOnComplete keeps thousands), so adding the id again
   * would do nothing. Its row may be new: a database restored from a backup, or reset, hands
   * out the same ids again while Redis still holds their old jobs. So a finished job is
   * removed and added afresh; the row decides what the new job does (a delivery not
   * `pending` is never sent again: deliver.ts), so a row already sent costs one empty job.
   * One round trip finds them: usually none.
   */
  const clearFinished = async (wanted: readonly string[]) => {
    const lookups = connection.pipeline();
    for (const id of wanted) {
      lookups.zscore(deliveries.toKey("completed"), id);
      lookups.zscore(deliveries.toKey("failed"), id);
    }
    const scores = (await lookups.exec()) ?? [];
    const finished = wanted.filter((_, i) => scores[2 * i]?.[1] != null || scores[2 * i + 1]?.[1] != null);
    // A job another process has just taken again is locked and stays: it runs on the row.
    for (const id of finished) await deliveries.remove(id);
  };
  /** One update per answer: the version keeps two answers' updates apart. */
  const update = async (name: "updateCard" | "updatePost", ids: readonly number[]) => {
    if (ids.length === 0) return;
    const version = elapsedMs();
    await deliveries.addBulk(
      ids.map((id) =>
        name === "updateCard"
          ? { name, data: { deliveryId: id }, opts: { jobId: jobIds.updateCard(id, version) } }
          : { name, data: { postId: id }, opts: { jobId: jobIds.updatePost(id, version) } },
      ),
    );
  };
  const port: AlertQueue = {
    deliver: (ids, delays) => add("deliver", ids, delays),
    // A finished job is added afresh (clearFinished); one not yet due waits for its day.
    redeliver: (ids, delays) => add("deliver", ids, delays),
    updateCards: (ids) => update("updateCard", ids),
    deliverPosts: (ids) => add("deliverPost", ids),
    redeliverPosts: (ids) => add("deliverPost", ids),
    updatePosts: (ids) => update("updatePost", ids),
  };
  return {
    alerts,
    deliveries,
    port,
    async close() {
      await Promise.all([alerts.close(), deliveries.close()]);
    },
  };
}
