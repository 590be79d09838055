/**
 * Writing a batch of register marks: one transaction that merges the batch into
 * AttendanceMark, counting created / updated / unchanged exactly and writing only the
 * marks that differ (so a resent window of weeks writes nothing), with the audit rows of
 * the children it changed. How the merge runs is the engine's: on SQLite a read of what is
 * stored and an upsert of the differences (driver/sqlite-marks.ts), on PostgreSQL COPY into
 * a staging table and one INSERT … SELECT … ON CONFLICT (driver/pg-marks.ts).
 */
import { auditImport, type ImportContext } from "./context.js";
import { type Mark, placesOf } from "./marks.js";

export type { Mark } from "./marks.js";

/**
 * Marks per transaction: larger batches touch each child's index pages fewer times. On
 * SQLite a batch is written synchronously, for a few tenths of a second, so imports run on
 * a thread of their own in the API (import-thread.ts), never on its event loop.
 */
export const MARKS_PER_BATCH = 50_000;

/** Writes one batch, counting it in the report; adds the children whose marks changed to `touched`. */
export async function writeMarks(ctx: ImportContext, fileName: string, batch: readonly Mark[], touched: Set<number>) {
  const at = placesOf(batch);
  // One row per key: a file that repeats a session is corrected by its later line.
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
  const counts = await ctx.db.write(async () => {
    const merged = await ctx.db.mergeMarks({ byPlace, at });
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
