/**
 * Long synchronous work cut into turns of the event loop. A worker whose loop is held
 * cannot renew its job's lock (BullMQ renews it on a timer): the scan judging 10,000
 * children in one go held it for 6 s on a loaded machine, past the lock, so another worker
 * took the same scan again (issue 14). Between turns the timers and the I/O waiting run.
 */
import { setImmediate as nextTurn } from "node:timers/promises";

/** Runs `each` over `items` in order, letting the event loop turn after every `perTurn` items. */
export async function forEachInTurns<T>(
  items: readonly T[],
  perTurn: number,
  each: (item: T, index: number) => void,
): Promise<void> {
  for (const [index, item] of items.entries()) {
    if (index > 0 && index % perTurn === 0) await nextTurn();
    each(item, index);
  }
}
