/**
 * What the core asks of the job queue, without knowing it is BullMQ: deliver these
 * alert copies, refresh these sent cards. The jobs layer implements it.
 */
export interface AlertQueue {
  /**
   * Queues one delivery job per delivery row (idempotent: an id still queued is not queued
   * twice; one whose job finished is queued afresh and its row decides, so a row already
   * sent is not sent again, and an id a restored database hands out again is still sent).
   * An id in `delays` waits that many milliseconds first (a reminder not yet due).
   */
  deliver(deliveryIds: readonly number[], delays?: DueDelays): Promise<void>;
  /**
   * For the reconciler: queues these unsent deliveries again. A job still waiting, delayed
   * or running is left alone; one that finished (failed after its retries) runs again.
   */
  redeliver(deliveryIds: readonly number[], delays?: DueDelays): Promise<void>;
  /** Queues a card update for each sent copy (after someone answered); a copy inside a digest updates the digest. */
  updateCards(deliveryIds: readonly number[]): Promise<void>;
  /** Posts (digests, alerts put to the school: posts.ts): sent, sent again by the reconciler, updated. */
  deliverPosts(postIds: readonly number[]): Promise<void>;
  redeliverPosts(postIds: readonly number[]): Promise<void>;
  updatePosts(postIds: readonly number[]): Promise<void>;
}

/** Milliseconds each delivery still has to wait before it is due (only those not yet due). */
export type DueDelays = ReadonlyMap<number, number>;

/**
 * How long until deliveries are due at the clock's `now` (a delivery's `dueAt`, null: at
 * once). Computed from the Clock, not the wall clock, so a replayed day (CLOCK_TODAY)
 * waits for its follow-up date as a real one does.
 */
export function dueDelays(deliveries: readonly { id: number; dueAt: Date | null }[], now: Date): DueDelays {
  const delays = new Map<number, number>();
  for (const d of deliveries) {
    const wait = msUntilDue(d.dueAt, now);
    if (wait > 0) delays.set(d.id, wait);
  }
  return delays;
}

/** Milliseconds from `now` until `dueAt` (0 when it is due). */
export function msUntilDue(dueAt: Date | null, now: Date): number {
  return dueAt === null ? 0 : Math.max(0, dueAt.getTime() - now.getTime());
}
