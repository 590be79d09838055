/**
 * Merging a batch of marks on PostgreSQL: the marks stream through COPY … FROM STDIN into a
 * temporary staging table (not WAL-logged, emptied at COMMIT), then one INSERT … SELECT …
 * ON CONFLICT DO UPDATE … WHERE IS DISTINCT FROM writes only the marks that differ. Its
 * RETURNING says which rows it wrote and whether each was new (xmax = 0: no earlier version),
 * so created / updated / unchanged are counted as exactly as SQLite's read-then-write counts
 * them, in the same statement, under the same row locks.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { MarksMerged } from "../import-db.js";
import type { Mark, MarkBatch } from "../marks.js";

const STAGING = `CREATE TEMPORARY TABLE IF NOT EXISTS "import_marks"
  ("childId" integer NOT NULL, "date" text NOT NULL, "session" text NOT NULL, "code" text NOT NULL)
  ON COMMIT DELETE ROWS`;
const COPY = `COPY "import_marks" ("childId", "date", "session", "code") FROM STDIN`;
const MERGE = `WITH merged AS (
    INSERT INTO "AttendanceMark" ("childId", "date", "session", "code")
    SELECT "childId", "date", "session", "code" FROM "import_marks"
    ON CONFLICT ("childId", "date", "session") DO UPDATE SET "code" = excluded."code"
    WHERE "AttendanceMark"."code" IS DISTINCT FROM excluded."code"
    RETURNING "childId", xmax = 0 AS "inserted"
  )
  SELECT count(*) FILTER (WHERE "inserted")::integer AS "created", count(*)::integer AS "changed",
         coalesce(array_agg(DISTINCT "childId"), '{}') AS "children"
  FROM merged`;

/** Lines of COPY's text format per chunk written to the stream. */
const LINES_PER_CHUNK = 2_000;

/** A value in COPY's text format: backslash, tab and line ends escaped (the code `\` is a real mark). */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const text = (v: string) => (SPECIAL.test(v) ? v.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : v);

function* copyLines(marks: Iterable<Mark>): Generator<string> {
  let chunk = "";
  let n = 0;
  for (const m of marks) {
    chunk += `${m.childId}\t${text(m.date)}\t${text(m.session)}\t${text(m.code)}\n`;
    if (++n === LINES_PER_CHUNK) {
      yield chunk;
      chunk = "";
      n = 0;
    }
  }
  if (chunk !== "") yield chunk;
}

/** Call inside the import's transaction on `client` (the staging table empties at its COMMIT). */
export async function mergeMarksPg(client: pg.Client, { byPlace }: MarkBatch): Promise<MarksMerged> {
  await client.query(STAGING);
  // Empty already but for an earlier merge in the same transaction (cheap when empty).
  await client.query(`DELETE FROM "import_marks"`);
  await pipeline(Readable.from(copyLines(byPlace.values())), client.query(copyFrom(COPY)));
  const { rows } = await client.query<{ created: number; changed: number; children: number[] }>(MERGE);
  const { created = 0, changed = 0, children = [] } = rows[0] ?? {};
  return {
    created,
    updated: changed - created,
    unchanged: byPlace.size - changed,
    changedChildren: new Set(children),
  };
}
