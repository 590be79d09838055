/**
 * The queue is how work gets done sooner, never the only record of it. Alert copies and
 * digests wait in the database (the outbox), and so does a card that needs updating
 * (`cardStaleAt`), so when Redis is away an enqueue is given QUEUE_WAIT_MS and then left
 * to the reconciler, which queues from the database when Redis answers again. A person
 * answering a card or logging an action is never kept waiting on Redis.
 */
import type { AlertQueue } from "../core/alerts/queue.port.js";
import { elapsedMs } from "../core/platform/clock.js";
import { withinMs } from "../core/platform/deadline.js";

/** The queue did not take the work in time (Redis down, unreachable or stalled). */
export class QueueUnavailable extends Error {
  override readonly name = "QueueUnavailable";
}

/** ioredis's ways of saying Redis is away or not answering (anything else is a real error). */
const AWAY =
  /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Command timed out|MaxRetriesPerRequest|connect ETIMEDOUT/;

/** `work`, or QueueUnavailable when Redis is away or takes longer than `ms`; other errors as they are. */
export async function withinQueueWait<T>(work: Promise<T>, ms: number): Promise<T> {
  try {
    return await withinMs(work, ms, () => {
      throw new QueueUnavailable(`Redis did not take the work within ${ms} ms`);
    });
  } catch (err) {
    if (err instanceof QueueUnavailable) throw err;
    if (AWAY.test(String((err as Error)?.message ?? err))) throw new QueueUnavailable(`Redis is away: ${String(err)}`);
    throw err;
  }
}

/** After Redis failed a call, further calls skip it this long (a request may queue several things). */
const SKIP_AFTER_FAILURE_MS = 5_000;

type Warn = (fields: Record<string, unknown>, message: string) => void;

/** `port` whose every call resolves within `ms`; work Redis did not take is logged and left to the reconciler. */
export function guardedQueue(port: AlertQueue, ms: number, warn: Warn): AlertQueue {
  let skipUntil = 0;
  const guard =
    <A extends unknown[]>(method: keyof AlertQueue, call: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      // Redis failed a moment ago: do not make this caller wait for it too.
      if (elapsedMs() < skipUntil) return;
      try {
        await withinQueueWait(call(...args), ms);
      } catch (err) {
        if (!(err instanceof QueueUnavailable)) throw err;
        skipUntil = elapsedMs() + SKIP_AFTER_FAILURE_MS;
        warn({ method, reason: err.message }, "queue unavailable: the work waits in the database for the reconciler");
      }
    };
  return {
    deliver: guard("deliver", port.deliver.bind(port)),
    redeliver: guard("redeliver", port.redeliver.bind(port)),
    updateCards: guard("updateCards", port.updateCards.bind(port)),
    deliverPosts: guard("deliverPosts", port.deliverPosts.bind(port)),
    redeliverPosts: guard("redeliverPosts", port.redeliverPosts.bind(port)),
    updatePosts: guard("updatePosts", port.updatePosts.bind(port)),
  };
}
