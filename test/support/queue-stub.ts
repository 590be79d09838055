/** An AlertQueue that remembers what the core asked of it, for tests that run the core without Redis. */
import type { AlertQueue } from "../../core/alerts/queue.port.js";

export function recordingQueue() {
  const asked = {
    delivered: [] as number[],
    updated: [] as number[],
    posts: [] as number[],
    updatedPosts: [] as number[],
  };
  const queue: AlertQueue = {
    deliver: async (ids) => void asked.delivered.push(...ids),
    redeliver: async (ids) => void asked.delivered.push(...ids),
    updateCards: async (ids) => void asked.updated.push(...ids),
    deliverPosts: async (ids) => void asked.posts.push(...ids),
    redeliverPosts: async (ids) => void asked.posts.push(...ids),
    updatePosts: async (ids) => void asked.updatedPosts.push(...ids),
  };
  return { queue, ...asked };
}
