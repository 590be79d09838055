/**
 * Catching up from the database after Redis lost its jobs. The database is the outbox: a
 * delivery is written before it is queued, so the reconciler (housekeeping.ts) can queue
 * again whatever is still unsent. Its schedule (every 5 minutes) bounds recovery too
 * loosely for a Redis that restarted without persistence in the middle of a fan-out, so
 * each worker process also reconciles when it starts and whenever its Redis connection
 * comes back after being lost: recovery then takes as long as the reconnection (ioredis
 * tries again every 2 s at most) and one reconcile.
 */
import type { FastifyBaseLogger } from "fastify";
import type { Redis } from "ioredis";

/** A reconcile that failed (the database busy, Redis gone again) is tried again this much later. */
const RETRY_MS = 2_000;

/** Runs `reconcile` now and after every reconnection; at most one at a time, one more queued behind it. */
export function catchUpOnReconnect(
  connection: Redis,
  log: FastifyBaseLogger,
  reconcile: () => Promise<{ requeued: number }>,
  retryMs = RETRY_MS,
): { stop(): void } {
  let lost = false;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  const run = (why: string) => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = reconcile()
      .then(({ requeued }) => log.info({ why, requeued }, "reconciled the queue with the database"))
      .catch((err: unknown) => {
        // Counts and reasons only. Tried again shortly, until it succeeds or the worker closes.
        log.warn({ why, err: err instanceof Error ? err.message : String(err) }, "reconcile failed; trying again");
        setTimeout(() => run(why), retryMs).unref();
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run(why);
        }
      });
  };

  const onClose = () => {
    lost = true;
  };
  const onReady = () => {
    if (!lost) return;
    lost = false;
    run("redis reconnected");
  };
  connection.on("close", onClose);
  connection.on("ready", onReady);
  run("worker started");
  return {
    stop() {
      stopped = true;
      connection.off("close", onClose);
      connection.off("ready", onReady);
    },
  };
}
