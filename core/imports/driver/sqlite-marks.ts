/**
 * Merging a batch of marks on SQLite: inside the batch's transaction, read what is stored
 * for the batch's keys (to count created / updated / unchanged exactly) and upsert only
 * the marks that differ, so a resent window of weeks writes nothing. Synchronous: it runs
 * on better-sqlite3 inside the IMMEDIATE transaction.
 *
 * How the stored marks are read decides the speed (measured over 1,000,000 marks):
 *   - a batch is a box of children × dates in almost every real feed (a day's register
 *     for every child, or a child's weeks): children IN (…) read date by date over the
 *     (childId, date, session) key, as arrays of a number and the code, into an array
 *     indexed by the mark's place in the box: ~2× faster than probing each key with a
 *     joined VALUES list and a string-keyed Map; a box with nothing stored yet (today's
 *     new marks) is found by a count, without reading rows at all;
 *   - a batch scattered over many children and dates (a box over 4× the batch) falls back
 *     to probing each key, so an odd file is slower but never reads the whole table.
 */

import { chunks, MAX_PARAMS, type MarksMerged, placeholders, type SqlValue } from "../import-db.js";
import type { Mark, MarkBatch, Places } from "../marks.js";

/** The connection's synchronous calls (better-sqlite3). */
export type SyncRows = {
  rows(sql: string, params: readonly SqlValue[]): SqlValue[][];
  run(sql: string, params: readonly SqlValue[]): number;
};

/** Rows per multi-row statement (4 values each). */
const PER_STATEMENT = 5_000;

const IN_BOX = (children: number) =>
  `FROM "AttendanceMark" WHERE "childId" IN ${placeholders(1, children)} AND "date" BETWEEN ? AND ?`;
const PROBE = (rows: number) =>
  `SELECT m."childId", m."date", m."session", m."code" FROM (VALUES ${placeholders(rows, 3)}) AS v
   JOIN "AttendanceMark" m ON m."childId" = v.column1 AND m."date" = v.column2 AND m."session" = v.column3`;
const UPSERT = (rows: number) =>
  `INSERT INTO "AttendanceMark" ("childId", "date", "session", "code") VALUES ${placeholders(rows, 4)}
   ON CONFLICT ("childId", "date", "session") DO UPDATE SET "code" = excluded."code"
   WHERE "AttendanceMark"."code" <> excluded."code"`;

/** `width` values of each mark, in one flat parameter list. */
function params(marks: readonly Mark[], width: 3 | 4): SqlValue[] {
  const out: SqlValue[] = new Array(marks.length * width);
  let i = 0;
  for (const m of marks) {
    out[i++] = m.childId;
    out[i++] = m.date;
    out[i++] = m.session;
    if (width === 4) out[i++] = m.code;
  }
  return out;
}

/** The stored code at each place of the batch that has one. */
function readStored(db: SyncRows, marks: readonly Mark[], at: Places): (place: number | string) => string | undefined {
  if (!at.box) {
    const stored = new Map<number | string, string>();
    for (const part of chunks(marks, PER_STATEMENT)) {
      for (const [childId, date, session, code] of db.rows(PROBE(part.length), params(part, 3))) {
        stored.set(at.place(Number(childId), String(date), String(session)), String(code));
      }
    }
    return (place) => stored.get(place);
  }
  const stored: (string | undefined)[] = new Array(at.size);
  for (const part of chunks(at.children, MAX_PARAMS - 2)) {
    const box = [...part, at.dates[0] ?? "", at.dates.at(-1) ?? ""];
    if (db.rows(`SELECT count(*) ${IN_BOX(part.length)}`, box)[0]?.[0] === 0) continue;
    // One read per date: the date is known, so rows carry only a number and the code.
    for (const date of at.dates) {
      const sql = `SELECT "childId" * 2 + ("session" = 'PM'), "code" ${IN_BOX(part.length)}`;
      for (const [childSession, code] of db.rows(sql, [...part, date, date])) {
        const n = Number(childSession);
        stored[at.place(Math.floor(n / 2), date, n % 2 === 1 ? "PM" : "AM") as number] = String(code);
      }
    }
  }
  return (place) => stored[place as number];
}

export function mergeMarksSqlite(db: SyncRows, { byPlace, at }: MarkBatch): MarksMerged {
  const storedAt = readStored(db, [...byPlace.values()], at);
  const changed: Mark[] = [];
  let created = 0;
  for (const [place, mark] of byPlace) {
    const code = storedAt(place);
    if (code === mark.code) continue;
    if (code === undefined) created++;
    changed.push(mark);
  }
  for (const part of chunks(changed, PER_STATEMENT)) db.run(UPSERT(part.length), params(part, 4));
  return {
    created,
    updated: changed.length - created,
    unchanged: byPlace.size - changed.length,
    changedChildren: new Set(changed.map((m) => m.childId)),
  };
}
