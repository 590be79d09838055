/**
 * What the daily scan needs about every looked-after child, read in bulk: register marks
 * are never loaded row by row (a school year of 10,000 children is ~3.8 M marks); one
 * aggregate per child and code gives both the counts and, per code, the last date it was
 * used, from which the last explained day and the latest mark follow. The run of
 * unexplained absence also needs the first mark since the last explained day and the gaps
 * inside the run that may break it: a second, indexed read for only the children whose
 * latest mark is unexplained (core/attendance/runs.repo.ts). Everything else is one query
 * a table.
 */

import { aggregateMarks, runFloors } from "../attendance/attendance.aggregate.js";
import { summariseCodeCounts } from "../attendance/attendance.rules.js";
import { loadRunMarks } from "../attendance/runs.repo.js";
import { exclusionWindow } from "../children/exclusions.js";
import { type PepRecord, reviewDates } from "../peps/pep.rules.js";
import { groupBy } from "../platform/collections.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { type Engine, sqlOf } from "../platform/sql/index.js";
import { prepared } from "../platform/sql/prepared.js";
import type { Policy } from "../policy.js";
import type { ScanFacts } from "./alert.types.js";
import { placeHistoryOf, readCohort } from "./scan.sql.js";

type CodeRow = { childId: number; code: string; n: number; last: string };
type Range = { from: IsoDate; today: IsoDate };

/**
 * The one pass over the marks: counts and last date per child and code, for everyone or
 * for the children in a bound JSON list. The date is read without its index (see the
 * dialect's `unindexed`).
 */
const aggregateQuery = (children: "everyone" | "some") =>
  prepared<Range & { childIds: string }, CodeRow>((db, p, engine) => {
    let q = db
      .selectFrom("AttendanceMark")
      .select((eb) => ["childId", "code", eb.fn.countAll<number>().as("n"), eb.fn.max("date").as("last")])
      .where(engine.unindexed("date"), ">=", p.from)
      .where(engine.unindexed("date"), "<=", p.today);
    if (children === "some") q = q.where("childId", "in", engine.idsIn(p.childIds));
    return q.groupBy(["childId", "code"]);
  });
const everyone = aggregateQuery("everyone");
const some = aggregateQuery("some");

/** Counts and last date per child and code over [from, today]: the scan's one pass over the marks. */
export function marksAggregate(engine: Engine, range: Range, childIds?: readonly number[]): Promise<CodeRow[]> {
  return childIds
    ? some(engine, { ...range, childIds: JSON.stringify(childIds) })
    : everyone(engine, { ...range, childIds: "[]" });
}

/** A child's facts that need no marks: what the PEP rules judge (and the calendar is chosen by). */
export type CohortFacts = Omit<
  ScanFacts,
  "attendance" | "today" | "lastExplainedDate" | "firstMarkSinceExplained" | "lastMarkDate" | "gapsSinceExplained"
>;

/**
 * `childIds` narrows the read to those children (a record just changed); default: everyone.
 * `whileMarksRead`, if given, gets every child's facts that need no marks as soon as they
 * are read, while the marks' aggregate (the longest read) is still on its way: work on
 * them is done by then (on PostgreSQL the aggregate runs in the server meanwhile).
 */
export async function loadScanFacts(
  db: Db,
  today: IsoDate,
  policy: Policy,
  childIds?: readonly number[],
  whileMarksRead?: (cohort: readonly CohortFacts[]) => Promise<void>,
): Promise<ScanFacts[]> {
  const year = schoolYearOf(today);
  const from = schoolYearBounds(year).start;
  const window = exclusionWindow(today);
  // The cohort (looked after today, not for short breaks: core/children/care.ts), table by
  // table, and the marks: ten reads, seconds each for 10,000 children, on connections held
  // for them (queued on the pool they would wait past the busy wait: DatabaseBusy, issue
  // 14): the marks' aggregate, the longest, on one, and the cohort's nine beside it.
  const [[cohort, base], codeRows] = await sqlOf(db).onConnections(2, ([a, b]) =>
    Promise.all([
      readCohort(a as Engine, today, window, childIds).then(async (cohort) => {
        const base = cohortFacts(cohort);
        await whileMarksRead?.(base);
        return [cohort, base] as const;
      }),
      marksAggregate(b as Engine, { from, today }, childIds),
    ]),
  );
  const { onRoll, todayMarks } = cohort;

  const { counts, lastMark, lastExplained } = aggregateMarks(
    codeRows.map((r) => ({ childId: Number(r.childId), code: r.code, n: Number(r.n), last: r.last })),
  );
  // A run is current only when a mark came after the last explained day, on roll.
  const floors = runFloors({ lastMark, lastExplained }, new Map(onRoll.map((e) => [e.childId, e.fromDate])), today);
  const runMarks = await loadRunMarks(db, floors, today, policy);
  const todayOf = groupBy(todayMarks, (m) => m.childId);

  return base.map((c) => {
    const marks = todayOf.get(c.childId) ?? [];
    return {
      ...c,
      attendance: summariseCodeCounts(counts.get(c.childId) ?? new Map(), policy),
      today: {
        am: marks.find((m) => m.session === "AM")?.code ?? null,
        pm: marks.find((m) => m.session === "PM")?.code ?? null,
      },
      lastExplainedDate: lastExplained.get(c.childId) ?? null,
      firstMarkSinceExplained: runMarks.get(c.childId)?.firstMark ?? null,
      gapsSinceExplained: runMarks.get(c.childId)?.gaps ?? [],
      lastMarkDate: lastMark.get(c.childId) ?? null,
    };
  });
}

/** Each child's facts from the cohort's tables (no marks), in the cohort's order. */
function cohortFacts(cohort: Awaited<ReturnType<typeof readCohort>>): CohortFacts[] {
  const { children, onRoll, peps, reviews, exclusions, partTime } = cohort;
  const places = placeHistoryOf(cohort);
  const place = new Map(onRoll.map((e) => [e.childId, e]));
  const pepsOf = groupBy(peps, (p) => p.childId);
  const reviewsOf = groupBy(reviews, (r) => r.childId);
  const exclusionsOf = groupBy(exclusions, (x) => x.childId);
  const partTimeOf = groupBy(partTime, (t) => t.childId);
  return children.map((c) => {
    const enrolment = place.get(c.id);
    return {
      childId: c.id,
      dateOfBirth: c.dateOfBirth,
      lookedAfterSince: c.lookedAfterSince,
      careStartKnown: Boolean(c.careStartKnown),
      onRoll: enrolment
        ? { schoolId: enrolment.schoolId, fromDate: enrolment.fromDate, laCode: enrolment.localAuthority }
        : null,
      ...places(c.id),
      peps: (pepsOf.get(c.id) ?? []) as PepRecord[],
      ...reviewDates(reviewsOf.get(c.id) ?? []),
      exclusions: (exclusionsOf.get(c.id) ?? []).map((x) => ({
        id: x.id,
        kind: x.kind === "permanent" ? ("permanent" as const) : ("suspension" as const),
        startDate: x.startDate,
        days: x.days,
      })),
      partTime: (partTimeOf.get(c.id) ?? []).map(({ childId: _child, ...t }) => t),
    };
  });
}
