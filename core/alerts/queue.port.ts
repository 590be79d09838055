/**
 * What the core asks of the job queue, without knowing it is BullMQ: deliver these
 * alert copies, refresh these sent cards. The jobs layer implements it.
 */
export interface AlertQueue {
  /** Queues one delivery job per delivery row (idempotent: a queued or done id is not queued twice). */
  deliver(deliveryIds: readonly number[]): Promise<void>;
  /**
   * For the reconciler: queues these unsent deliveries again. A job still waiting, delayed
   * or running is left alone; one that finished (failed after its retries) runs again.
   */
  redeliver(deliveryIds: readonly number[]): Promise<void>;
  /** Queues a card update for each sent copy (after someone answered); a copy inside a digest updates the digest. */
  updateCards(deliveryIds: readonly number[]): Promise<void>;
  /** Posts (digests, alerts put to the school: posts.ts): sent, sent again by the reconciler, updated. */
  deliverPosts(postIds: readonly number[]): Promise<void>;
  redeliverPosts(postIds: readonly number[]): Promise<void>;
  updatePosts(postIds: readonly number[]): Promise<void>;
}
