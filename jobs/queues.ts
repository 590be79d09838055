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

/** Job ids may not contain ":"; these are stable so adding twice is a no-op. */
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

export function redisConnection(url: string): Redis {
  // BullMQ's workers block on Redis, so a request must never give up on its own.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export type Queues = ReturnType<typeof createQueues>;

export function createQueues(connection: ConnectionOptions, prefix: string) {
  const alerts = new Queue(QUEUES.alerts, { connection, prefix });
  const deliveries = new Queue(QUEUES.deliveries, { connection, prefix, defaultJobOptions: DELIVERY_JOB_OPTIONS });
  /**
   * Adds one job per id under a stable job id (adding twice is a no-op); a delivery not yet
   * due is a delayed job, run when it is (the deliver job checks again: deliver.ts).
   */
  const add = async (name: "deliver" | "deliverPost", ids: readonly number[], delays?: DueDelays) => {
    if (ids.length === 0) return;
    await deliveries.addBulk(
      ids.map((id) =>
        name === "deliver"
          ? { name, data: { deliveryId: id }, opts: { jobId: jobIds.deliver(id), delay: delays?.get(id) ?? 0 } }
          : { name, data: { postId: id }, opts: { jobId: jobIds.deliverPost(id) } },
      ),
    );
  };
  /** A finished job keeps its id, so adding it again would do nothing: run it again instead. */
  const rerun = async (jobIdsToRun: readonly string[]) => {
    const wanted = new Set(jobIdsToRun);
    for (const state of ["failed", "completed"] as const) {
      const finished = (await deliveries.getRanges([state], 0, -1)).filter((id) => wanted.has(id));
      for (const id of finished) {
        const job = await deliveries.getJob(id);
        // Another process may have moved it meanwhile; the add after covers a job that is gone.
        await job?.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true }).catch(() => undefined);
      }
    }
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
    async redeliver(ids, delays) {
      if (ids.length === 0) return;
      // A finished job runs again at once; one not yet due then waits for its day (deliver.ts).
      await rerun(ids.map(jobIds.deliver));
      await add("deliver", ids, delays);
    },
    updateCards: (ids) => update("updateCard", ids),
    deliverPosts: (ids) => add("deliverPost", ids),
    async redeliverPosts(ids) {
      if (ids.length === 0) return;
      await rerun(ids.map(jobIds.deliverPost));
      await add("deliverPost", ids);
    },
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
