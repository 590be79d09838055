/**
 * Writing a batch of register marks: one transaction that reads what is stored for the
 * batch's keys (to count created / updated / unchanged exactly) and upserts only the marks
 * that differ, so a resent window of weeks writes nothing.
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
import { auditImport, type ImportContext } from "./context.js";
import type { CsvRow } from "./csv.js";
import { chunks, MAX_PARAMS, placeholders, type SqlValue } from "./sql.js";

export type Mark = { childId: number; date: string; session: string; code: string; row: CsvRow };

/**
 * Marks per transaction: larger batches touch each child's index pages fewer times. A
 * batch is written synchronously, for a few tenths of a second, so imports run on a thread
 * of their own in the API (import-thread.ts), never on its event loop.
 */
export const MARKS_PER_BATCH = 50_000;
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

/** Where each mark of a batch sits: a small number inside its children × dates box, or a text key. */
function placesOf(batch: readonly Mark[]) {
  const children = new Map<number, number>();
  const dates = new Map<string, number>();
  for (const m of batch) {
    if (!children.has(m.childId)) children.set(m.childId, children.size);
    if (!dates.has(m.date)) dates.set(m.date, dates.size);
  }
  const size = children.size * dates.size * 2;
  const box = size <= 4 * batch.length;
  const place = (childId: number, date: string, session: string): number | string =>
    box
      ? ((children.get(childId) ?? 0) * dates.size + (dates.get(date) ?? 0)) * 2 + (session === "PM" ? 1 : 0)
      : `${childId}|${date}|${session}`;
  return { box, size, children: [...children.keys()], dates: [...dates.keys()].sort(), place };
}
type Places = ReturnType<typeof placesOf>;

/** The stored code at each place of the batch that has one. */
function readStored(
  ctx: ImportContext,
  marks: readonly Mark[],
  at: Places,
): (place: number | string) => string | undefined {
  if (!at.box) {
    const stored = new Map<number | string, string>();
    for (const part of chunks(marks, PER_STATEMENT)) {
      for (const [childId, date, session, code] of ctx.db.rows(PROBE(part.length), params(part, 3))) {
        stored.set(at.place(Number(childId), String(date), String(session)), String(code));
      }
    }
    return (place) => stored.get(place);
  }
  const stored: (string | undefined)[] = new Array(at.size);
  for (const part of chunks(at.children, MAX_PARAMS - 2)) {
    const box = [...part, at.dates[0] ?? "", at.dates.at(-1) ?? ""];
    if (ctx.db.rows(`SELECT count(*) ${IN_BOX(part.length)}`, box)[0]?.[0] === 0) continue;
    // One read per date: the date is known, so rows carry only a number and the code.
    for (const date of at.dates) {
      const sql = `SELECT "childId" * 2 + ("session" = 'PM'), "code" ${IN_BOX(part.length)}`;
      for (const [childSession, code] of ctx.db.rows(sql, [...part, date, date])) {
        const n = Number(childSession);
        stored[at.place(Math.floor(n / 2), date, n % 2 === 1 ? "PM" : "AM") as number] = String(code);
      }
    }
  }
  return (place) => stored[place as number];
}

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
  const counts = await ctx.db.write(() => {
    const marks = [...byPlace.values()];
    const storedAt = readStored(ctx, marks, at);
    const changed: Mark[] = [];
    let created = 0;
    for (const [place, mark] of byPlace) {
      const code = storedAt(place);
      if (code === mark.code) continue;
      if (code === undefined) created++;
      changed.push(mark);
    }
    for (const part of chunks(changed, PER_STATEMENT)) ctx.db.run(UPSERT(part.length), params(part, 4));
    // Audited in the same transaction as the change (a process killed between the two must
    // not leave marks nobody is recorded as changing); once a child an import, not a batch.
    const fresh = new Set(changed.map((m) => m.childId).filter((id) => !touched.has(id)));
    if (fresh.size > 0) auditImport(ctx, fresh);
    return { created, updated: changed.length - created, unchanged: marks.length - changed.length, fresh };
  });
  const tally = ctx.report.tally("marks");
  tally.created += counts.created;
  tally.updated += counts.updated;
  tally.unchanged += counts.unchanged;
  for (const childId of counts.fresh) touched.add(childId);
}
