/**
 * A batch of register marks as both drivers take it: one mark per (child, date, session),
 * with where each sits inside the batch's children × dates box (SQLite's merge reads what
 * is stored by that box; see driver/sqlite-marks.ts).
 */
import type { CsvRow } from "./csv.js";

export type Mark = { childId: number; date: string; session: string; code: string; row: CsvRow };

/** Where each mark of a batch sits: a small number inside its children × dates box, or a text key. */
export function placesOf(batch: readonly Mark[]) {
  const children = new Map<number, number>();
  const dates = new Map<string, number>();
  for (const m of batch) {
    if (!children.has(m.childId)) children.set(m.childId, children.size);
    if (!dates.has(m.date)) dates.set(m.date, dates.size);
  }
  const size = children.size * dates.size * 2;
  // A batch scattered over many children and dates (a box over 4× the batch) uses text keys.
  const box = size <= 4 * batch.length;
  const place = (childId: number, date: string, session: string): number | string =>
    box
      ? ((children.get(childId) ?? 0) * dates.size + (dates.get(date) ?? 0)) * 2 + (session === "PM" ? 1 : 0)
      : `${childId}|${date}|${session}`;
  return { box, size, children: [...children.keys()], dates: [...dates.keys()].sort(), place };
}
export type Places = ReturnType<typeof placesOf>;

/** Marks keyed by their place (one per key), and the places. */
export type MarkBatch = { byPlace: ReadonlyMap<number | string, Mark>; at: Places };
