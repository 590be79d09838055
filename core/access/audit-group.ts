/**
 * Group commit for the audit's appends made outside a change's transaction (every audited
 * read): the appends that arrive in the same turn of the event loop (every request that came
 * in together and reached its audit), or while one group is being written, are written
 * together in one transaction, in arrival order. The chain's lock is then taken once for
 * many reads, not once for each: on PostgreSQL one connection waits for the advisory lock
 * instead of every pooled one (audit-appender.ts); on SQLite one IMMEDIATE transaction and
 * one WAL commit serve them all (audit-writer.ts), where each read's own commit wrote the
 * same pages again (measured: the status route's server CPU per request fell by a third,
 * README, Benchmarks). The wait is one turn (setImmediate), not a timer. If a group's
 * write fails, every append in it fails with that error and none of its rows is written.
 */
import type { AuditRow } from "./audit-chain.js";

type Waiting = { rows: readonly AuditRow[]; done: () => void; failed: (err: unknown) => void };

/** `append(rows)` resolves once `rows` are written (with the rest of their group). */
export function groupCommits(
  write: (rows: readonly AuditRow[]) => Promise<void>,
): (rows: readonly AuditRow[]) => Promise<void> {
  let waiting: Waiting[] = [];
  let flushing = false;

  const flush = async () => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        await write(group.flatMap((w) => w.rows));
        for (const w of group) w.done();
      } catch (err) {
        for (const w of group) w.failed(err);
      }
    }
    flushing = false;
  };

  return (rows) => {
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((done, failed) => {
      waiting.push({ rows, done, failed });
      if (flushing) return;
      flushing = true;
      setImmediate(() => void flush());
    });
  };
}
