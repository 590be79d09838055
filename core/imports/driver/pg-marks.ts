/**
 * Merging a batch of marks on PostgreSQL: the marks stream through COPY … FROM STDIN into a
 * temporary staging table (not WAL-logged, emptied at COMMIT), then one INSERT … SELECT …
 * ON CONFLICT DO UPDATE … WHERE IS DISTINCT FROM writes only the marks that differ. Its
 * RETURNING says which rows it wrote and whether each was new (xmax = 0: no earlier version),
 * so created / updated / unchanged are counted as exactly as SQLite's read-then-write counts
 * them, in the same statement, under the same row locks.
 *
 * The children are checked once a batch, not once a row. The foreign key's own check is a
 * query and a row lock per new mark (measured: 45% of the merge, 1,000,000 marks). Where the
 * connection may (a superuser, or a role granted SET on session_replication_role), the merge
 * runs with that per-row check off (session_replication_role = replica, for that statement
 * only), and then each child given new marks is locked once, as the check would lock it
 * (FOR KEY SHARE, held to COMMIT), and counted. A child that is not there undoes the merge
 * (to a savepoint), which runs again with the check on, so the batch fails with the foreign
 * key's own error, as before. A connection without the right, or a table with a trigger or
 * rule of one's own (which replica would silence too), merges with the per-row check. A
 * resent window (nothing new) locks nothing.
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
         coalesce(array_agg(DISTINCT "childId"), '{}') AS "children",
         coalesce(array_agg(DISTINCT "childId") FILTER (WHERE "inserted"), '{}') AS "given"
  FROM merged`;
type Merged = { created: number; changed: number; children: number[]; given: number[] };

/**
 * The children given new marks, each locked as the foreign key's check locks it (FOR KEY
 * SHARE, to COMMIT: none can be deleted under the import); how many of them are not there.
 */
const LOCK_CHILDREN = `SELECT cardinality($1::integer[]) - count(*)::integer AS "missing"
  FROM (SELECT c."id" FROM "Child" c WHERE c."id" = ANY($1::integer[]) FOR KEY SHARE) AS "locked"`;

const PER_ROW_CHECKS_OFF = "SET LOCAL session_replication_role = replica";
const PER_ROW_CHECKS_ON = "SET LOCAL session_replication_role = DEFAULT";

/** Per connection: whether it may turn the per-row checks off (asked once, inside its first merge's transaction). */
const mayCheckOnce = new WeakMap<pg.Client, boolean>();

async function checksOnceAllowed(client: pg.Client): Promise<boolean> {
  let allowed = mayCheckOnce.get(client);
  if (allowed === undefined) {
    await client.query("SAVEPOINT vs_may_check_once");
    allowed = await client.query(PER_ROW_CHECKS_OFF).then(
      () => true,
      () => false,
    );
    // Undoes the SET (or the error) either way: the merge turns the checks off itself.
    await client.query("ROLLBACK TO SAVEPOINT vs_may_check_once");
    await client.query("RELEASE SAVEPOINT vs_may_check_once");
    mayCheckOnce.set(client, allowed);
  }
  return allowed;
}

/**
 * Whether the merge's inserts fire nothing but the foreign key's check: session_replication_role
 * = replica would also silence any trigger or rule of one's own on AttendanceMark (one an
 * operator added, say), so with one there the merge keeps the per-row check. Asked each
 * batch (a cheap catalog read): one may be added between batches.
 */
const OTHERS_FIRING = `SELECT (SELECT count(*) FROM pg_trigger
    WHERE tgrelid = '"AttendanceMark"'::regclass AND NOT tgisinternal AND tgenabled <> 'D')
  + (SELECT count(*) FROM pg_rewrite
    WHERE ev_class = '"AttendanceMark"'::regclass AND rulename <> '_RETURN' AND ev_enabled <> 'D') AS "others"`;

/**
 * Whether a merge on `client` (in its transaction) runs with the per-row foreign key check
 * off and checks the children once instead. (A count, not a boolean: the importer's
 * connection reads booleans as 0 and 1.)
 */
export async function checksChildrenOnce(client: pg.Client): Promise<boolean> {
  if (!(await checksOnceAllowed(client))) return false;
  const { rows } = await client.query<{ others: number | string }>(OTHERS_FIRING);
  return Number(rows[0]?.others) === 0;
}

/**
 * Runs the merge; where the connection may, with the per-row foreign key checks off and the
 * children given new marks checked and locked once after it. A child that is gone undoes
 * the merge, which runs again with the checks on: the foreign key's own error, as before.
 */
async function merge(client: pg.Client): Promise<Merged | undefined> {
  if (!(await checksChildrenOnce(client))) return (await client.query<Merged>(MERGE)).rows[0];
  await client.query("SAVEPOINT vs_merge");
  await client.query(PER_ROW_CHECKS_OFF);
  const merged = (await client.query<Merged>(MERGE)).rows[0];
  await client.query(PER_ROW_CHECKS_ON);
  const given = merged?.given ?? [];
  const missing =
    given.length === 0 ? 0 : (await client.query<{ missing: number }>(LOCK_CHILDREN, [given])).rows[0]?.missing;
  if (missing === 0) {
    await client.query("RELEASE SAVEPOINT vs_merge");
    return merged;
  }
  await client.query("ROLLBACK TO SAVEPOINT vs_merge");
  return (await client.query<Merged>(MERGE)).rows[0];
}

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
  const { created = 0, changed = 0, children = [] } = (await merge(client)) ?? {};
  return {
    created,
    updated: changed - created,
    unchanged: byPlace.size - changed,
    changedChildren: new Set(children),
  };
}
