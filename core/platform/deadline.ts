/**
 * A wait with an end: `work`'s result, or, if it takes longer than `ms`, what `late()`
 * gives (or throws). The timer never outlives the race. Used wherever the product must
 * answer in bounded time: health probes, enqueues, the worker's catch-up, shutdown.
 */
export async function withinMs<T, L>(work: Promise<T>, ms: number, late: () => L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<L>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(late());
      } catch (err) {
        reject(err);
      }
    }, ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
