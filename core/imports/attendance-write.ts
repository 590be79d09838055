/**
 * Writing a batch of register marks: one transaction that merges the batch into
 * AttendanceMark, counting created / updated / unchanged exactly and writing only the
 * marks that differ (so a resent window of weeks writes nothing), with the audit rows of
 * the children it changed. How the merge runs is the engine's: on SQLite a read of what is
 * stored and an upsert of the differences (driver/sqlite-marks.ts), on PostgreSQL COPY into
 * a staging table and one INSERT … SELECT … ON CONFLICT (driver/pg-marks.ts).
 */
import { auditImport, type ImportContext } from "./context.js";
import { type Mark, type MarkBatch, placesOf } from "./marks.js";

export type { Mark } from "./marks.js";

/**
 * Marks per transaction: larger batches touch each child's index pages fewer times. On
 * SQLite a batch is written synchronously, for a few tenths of a second, so imports run on
 * a thread of their own in the API (import-thread.ts), never on its event loop.
 */
export const MARKS_PER_BATCH = 50_000;

/** One row per key: a file that repeats a session is corrected by its later line (the earlier one is reported). */
function oneMarkPerPlace(ctx: ImportContext, fileName: string, batch: readonly Mark[]): MarkBatch {
  const at = placesOf(batch);
  const byPlace = new Map<number | string, Mark>();
  for (const mark of batch) {
    const place = at.place(mark.childId, mark.date, mark.session);
    const earlier = byPlace.get(place);
    if (earlier) {
      const message = `comes again for the same child and date on line ${mark.row.line}; that later line is used`;
      ctx.report.reject("marks", fileName, earlier.row, [{ field: "session", message }]);
    }
    byPlace.set(place, mark);
  }
  return { byPlace, at };
}

/** Writes one batch, counting it in the report; adds the children whose marks changed to `touched`. */
async function writeBatch(ctx: ImportContext, marks: MarkBatch, touched: Set<number>) {
  const counts = await ctx.db.write(async () => {
    const merged = await ctx.db.mergeMarks(marks);
    // Audited in the same transaction as the change (a process killed between the two must
    // not leave marks nobody is recorded as changing); once a child an import, not a batch.
    const fresh = new Set([...merged.changedChildren].filter((id) => !touched.has(id)));
    if (fresh.size > 0) await auditImport(ctx, fresh);
    return { ...merged, fresh };
  });
  const tally = ctx.report.tally("marks");
  tally.created += counts.created;
  tally.updated += counts.updated;
  tally.unchanged += counts.unchanged;
  for (const childId of counts.fresh) touched.add(childId);
}

/**
 * The batches of one file, written in order, one at a time, while the file reads on: a
 * batch's transaction runs while the next batch is read and checked (on PostgreSQL the
 * server merges while this thread parses; on SQLite the write is synchronous anyway).
 * `add` takes a full batch: it reports the batch's repeated sessions at once (the problems
 * stay in file order), queues its write after the one before, and resolves when that one
 * before is done, so at most one batch waits while another is written. A write that fails
 * stops the writes after it; `add` or `done` then throws its error.
 */
export function markWriter(ctx: ImportContext, fileName: string) {
  const touched = new Set<number>();
  let writing: Promise<void> = Promise.resolve();
  return {
    add(batch: readonly Mark[]): Promise<void> {
      const marks = oneMarkPerPlace(ctx, fileName, batch);
      const before = writing;
      writing = before.then(() => writeBatch(ctx, marks, touched));
      // Handled here so its failure is not "unhandled" before the next add (or done) awaits it.
      writing.catch(() => undefined);
      return before;
    },
    /** Waits for the last write. */
    done: (): Promise<void> => writing,
  };
}
