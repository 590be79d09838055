/**
 * Marks for many children, from one aggregate per child and code (how many sessions carry
 * the code, and the last day it was used): the counts the rates are judged on, the latest
 * mark, the last day a mark explained, and the floor of each current run. The scan and the
 * bulk judgements (caseload, stats) both read marks this way, so they agree with each other
 * and, through the same run rule, with the status card.
 */
import { type IsoDate, maxDate } from "../platform/dates.js";
import { explainsTheDay, runFloor } from "./attendance.runs.js";

/** One row of the aggregate: a child's sessions with `code`, the last on `last`. */
export type CodeCount = { childId: number; code: string; n: number; last: IsoDate | null };

export type MarkAggregate = {
  /** Sessions per raw code, per child (for summariseCodeCounts). */
  counts: Map<number, Map<string, number>>;
  lastMark: Map<number, IsoDate>;
  lastExplained: Map<number, IsoDate>;
};

export function aggregateMarks(rows: Iterable<CodeCount>): MarkAggregate {
  const counts = new Map<number, Map<string, number>>();
  const lastMark = new Map<number, IsoDate>();
  const lastExplained = new Map<number, IsoDate>();
  const latest = (dates: Map<number, IsoDate>, id: number, date: IsoDate) =>
    dates.set(id, maxDate(dates.get(id) ?? date, date));
  for (const row of rows) {
    const forChild = counts.get(row.childId) ?? new Map<string, number>();
    forChild.set(row.code, row.n);
    counts.set(row.childId, forChild);
    if (row.last === null) continue;
    latest(lastMark, row.childId, row.last);
    if (explainsTheDay(row.code)) latest(lastExplained, row.childId, row.last);
  }
  return { counts, lastMark, lastExplained };
}

/**
 * The floor of each child's current run (runFloor), for the children on roll whose latest
 * mark came on or after it: only they can have a run, so only they need their run's marks read.
 */
export function runFloors(
  marks: Pick<MarkAggregate, "lastMark" | "lastExplained">,
  rollStart: ReadonlyMap<number, IsoDate>,
  today: IsoDate,
): Map<number, IsoDate> {
  const floors = new Map<number, IsoDate>();
  for (const [id, from] of rollStart) {
    const floor = runFloor(marks.lastExplained.get(id) ?? null, from, today);
    if ((marks.lastMark.get(id) ?? "") >= floor) floors.set(id, floor);
  }
  return floors;
}
