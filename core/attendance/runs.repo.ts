/**
 * The current run's marks for many children at once, for the scan and the bulk judgements
 * (the status card reads a child's marks itself): for each child whose latest mark may
 * continue a run, the first marked day on or after the run's floor, and the pairs of
 * consecutive marked days far enough apart to hold a stretch of blank school days that
 * breaks the run (attendance.runs.ts runStart). One indexed range read per child, for the
 * few children with a run: weekdays in a row give no row at all, a weekend or a holiday
 * one; the calendar decides in the pure rule which of them breaks the run.
 */
import { sql } from "kysely";
import type { IsoDate } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { sqlOf } from "../platform/sql/index.js";
import { prepared } from "../platform/sql/prepared.js";
import type { Policy } from "../policy.js";
import type { MarkGap } from "./attendance.runs.js";

/** The first mark of a child's run and the gaps inside it that may break it. */
export type RunMarks = { firstMark: IsoDate; gaps: MarkGap[] };

/** Children asked about in one statement (their floors go as one bound JSON value). */
const BATCH = 2_000;

type Row = { childId: number; date: string; prev: string | null };

/**
 * Marked days on or after each child's floor through today; of them, the first (no day
 * before it) and each whose day before it lies more than `gapDays` calendar days back
 * (fewer blank calendar days cannot hold that many blank school days).
 */
const runMarksQuery = prepared<{ floors: string; today: IsoDate; gapDays: number }, Row>(
  (_db, p, engine) => sql<Row>`WITH "since" AS ${engine.pairsFrom(p.floors, "childId", "fromDate")},
  "marked" AS (SELECT DISTINCT m."childId" AS "childId", m."date" AS "date" FROM "AttendanceMark" m
    JOIN "since" s ON m."childId" = s."childId" AND m."date" >= s."fromDate" AND m."date" <= ${p.today}),
  "steps" AS (SELECT "childId", "date", LAG("date") OVER (PARTITION BY "childId" ORDER BY "date") AS "prev" FROM "marked")
  SELECT "childId", "date", "prev" FROM "steps"
  WHERE "prev" IS NULL OR ${engine.daysBetween(sql.ref("prev"), sql.ref("date"))} > ${p.gapDays}
  ORDER BY "childId", "date"`,
);

/** `floors`: each child's run floor (runFloor), for the children whose latest mark is on or after it. */
export async function loadRunMarks(
  db: Db,
  floors: ReadonlyMap<number, IsoDate>,
  today: IsoDate,
  policy: Policy,
): Promise<Map<number, RunMarks>> {
  const entries = [...floors];
  const runs = new Map<number, RunMarks>();
  for (let i = 0; i < entries.length; i += BATCH) {
    const rows = await runMarksQuery(sqlOf(db), {
      floors: JSON.stringify(entries.slice(i, i + BATCH)),
      today,
      gapDays: policy.attendanceDataGapSchoolDays,
    });
    for (const row of rows) {
      const id = Number(row.childId);
      if (row.prev === null) runs.set(id, { firstMark: row.date, gaps: [] });
      else runs.get(id)?.gaps.push({ before: row.prev, after: row.date });
    }
  }
  return runs;
}
