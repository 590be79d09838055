/**
 * Everything about one child that a status needs, in ONE prepared statement: the child
 * (only when the actor's scope includes them) and each relation as a JSON array built by
 * the database. Through Prisma each query cost about half a millisecond of client
 * overhead and a status needs ten; this is one statement, compiled once per scope shape
 * and prepared once per connection (core/platform/sql). The same query runs on SQLite and
 * PostgreSQL: the engine's JSON helpers come from the dialect.
 */
import { sql } from "kysely";
import { z } from "zod";
import { childInScope, type ScopeShape, type ScopeValues } from "../access/scope.js";
import type { Mark } from "../attendance/attendance.marks.js";
import { PEP_STATUSES } from "../peps/pep.rules.js";
import type { IsoDate } from "../platform/dates.js";
import type { Engine } from "../platform/sql/index.js";
import { prepared } from "../platform/sql/prepared.js";
import { flag, instant, jsonArray } from "../platform/sql/values.js";

type BundleArgs = ScopeValues & {
  childId: number;
  marksFrom: IsoDate;
  marksTo: IsoDate;
  exclusionsFrom: IsoDate;
};

/**
 * The scope's shape and how many recent actions, e.g. "everyone:5". The number of actions
 * is written into the SQL, not bound: SQLite runs the actions' subquery (ORDER BY … LIMIT)
 * about ten times slower with a bound LIMIT (measured: 400 → 41 µs, the whole statement
 * 2.3 → 0.5 ms at load 8), and callers ask for a few fixed numbers (0, 5, 50).
 */
type BundleShape = `${ScopeShape}:${number}`;

type Row = Record<string, unknown>;

const bundleQuery = prepared<BundleArgs, Row, BundleShape>((db, p, { jsonArrayFrom, jsonValuesFrom }, shape) =>
  db
    .selectFrom("Child as c")
    .where("c.id", "=", p.childId)
    .where(childInScope(shape.split(":")[0] as ScopeShape, p))
    .select([
      "c.id",
      "c.firstName",
      "c.lastName",
      "c.dateOfBirth",
      "c.senStatus",
      "c.lookedAfterSince",
      "c.careStartKnown",
      "c.ceasedLookedAfter",
      "c.ceasedReason",
      "c.legalStatus",
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom("Enrolment as e")
          .innerJoin("School as s", "s.id", "e.schoolId")
          .whereRef("e.childId", "=", "c.id")
          .orderBy("e.fromDate")
          .select([
            "e.schoolId",
            "s.name as schoolName",
            "s.urn",
            "s.phase",
            "s.outOfArea",
            "s.localAuthority",
            "e.fromDate",
            "e.toDate",
            "e.yearGroup",
          ]),
      ).as("enrolments"),
      jsonArrayFrom(
        eb
          .selectFrom("CarePlacement as cp")
          .whereRef("cp.childId", "=", "c.id")
          .orderBy("cp.fromDate")
          .select(["cp.placementType", "cp.fromDate", "cp.toDate", "cp.outOfArea"]),
      ).as("placements"),
      jsonArrayFrom(
        eb
          .selectFrom("Pep as x")
          .whereRef("x.childId", "=", "c.id")
          .orderBy("x.dueDate")
          .select(["x.term", "x.dueDate", "x.meetingDate", "x.status", "x.rag", "x.targets"]),
      ).as("peps"),
      // Each mark as one text, date, session and code ("2026-09-07|AM|/"): a year of marks is
      // most of the statement's answer, a third of the text this way (read by `markTexts`).
      jsonValuesFrom(
        eb
          .selectFrom("AttendanceMark as m")
          .whereRef("m.childId", "=", "c.id")
          .where("m.date", ">=", p.marksFrom)
          .where("m.date", "<=", p.marksTo)
          // The key's order, free from its index: the rules then have no correction to look for (latestMarks).
          .orderBy("m.date")
          .orderBy("m.session")
          .select(
            sql<string>`${sql.ref("m.date")} || '|' || ${sql.ref("m.session")} || '|' || ${sql.ref("m.code")}`.as("v"),
          ),
      ).as("marks"),
      jsonArrayFrom(
        eb
          .selectFrom("Exclusion as x")
          .whereRef("x.childId", "=", "c.id")
          .where("x.startDate", ">=", p.exclusionsFrom)
          .orderBy("x.startDate")
          .select(["x.kind", "x.startDate", "x.days"]),
      ).as("exclusions"),
      jsonArrayFrom(
        eb
          .selectFrom("CareReview as r")
          .whereRef("r.childId", "=", "c.id")
          .orderBy("r.date")
          .select(["r.date", "r.status"]),
      ).as("reviews"),
      jsonArrayFrom(
        eb
          .selectFrom("PartTimeTimetable as t")
          .whereRef("t.childId", "=", "c.id")
          .orderBy("t.startDate")
          .orderBy("t.id")
          .select(["t.id", "t.startDate", "t.plannedEndDate", "t.reviewDate", "t.endedOn", "t.hoursPerWeek"]),
      ).as("partTime"),
      jsonArrayFrom(
        eb
          .selectFrom("ActionLog as a")
          .innerJoin("Professional as pr", "pr.id", "a.professionalId")
          .whereRef("a.childId", "=", "c.id")
          .orderBy("a.at", "desc")
          .orderBy("a.id", "desc")
          .limit(sql.lit(Number(shape.split(":")[1])))
          .select(["a.at", "a.text", "a.category", "a.followUpDate", "pr.name as by"]),
      ).as("actions"),
    ]),
);

/**
 * The marks' texts ("2026-09-07|AM|/": the date, the session, then the code as stored,
 * which may be anything, or nothing) as marks. A session that is neither AM nor PM is an
 * issue, as any other field's would be.
 */
function markTexts(texts: string[], ctx: z.RefinementCtx): Mark[] {
  const marks: Mark[] = [];
  for (const text of texts) {
    const first = text.indexOf("|");
    const session = text.slice(first + 1, first + 3);
    if (first < 0 || text[first + 3] !== "|" || (session !== "AM" && session !== "PM")) {
      ctx.addIssue({ code: "custom", message: `not a mark: ${JSON.stringify(text.slice(0, 24))}` });
      return [];
    }
    marks.push({ date: text.slice(0, first), session, code: text.slice(first + 4) });
  }
  return marks;
}

const date = z.string();
const maybeDate = z.string().nullable();
const bundleSchema = z.object({
  id: z.number(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  senStatus: z.string(),
  lookedAfterSince: maybeDate,
  careStartKnown: flag,
  ceasedLookedAfter: maybeDate,
  ceasedReason: z.string().nullable(),
  legalStatus: z.string().nullable(),
  enrolments: jsonArray(
    z.object({
      schoolId: z.number(),
      schoolName: z.string(),
      urn: z.string(),
      phase: z.string(),
      outOfArea: flag,
      localAuthority: z.string(),
      fromDate: date,
      toDate: maybeDate,
      yearGroup: z.string().nullable(),
    }),
  ),
  placements: jsonArray(z.object({ placementType: z.string(), fromDate: date, toDate: maybeDate, outOfArea: flag })),
  peps: jsonArray(
    z.object({
      term: z.string(),
      dueDate: date,
      meetingDate: maybeDate,
      status: z.enum(PEP_STATUSES),
      rag: z.enum(["red", "amber", "green"]).nullable(),
      targets: z.string().nullable(),
    }),
  ),
  marks: jsonArray(z.string()).transform(markTexts),
  exclusions: jsonArray(
    z.object({
      kind: z.string().transform((k) => (k === "permanent" ? "permanent" : "suspension") as "permanent" | "suspension"),
      startDate: date,
      days: z.number(),
    }),
  ),
  reviews: jsonArray(z.object({ date, status: z.string() })),
  partTime: jsonArray(
    z.object({
      id: z.number(),
      startDate: date,
      plannedEndDate: date,
      reviewDate: date,
      endedOn: maybeDate,
      hoursPerWeek: z.number().nullable(),
    }),
  ),
  actions: jsonArray(
    z.object({ at: instant, text: z.string(), category: z.string(), followUpDate: maybeDate, by: z.string() }),
  ),
});
export type ChildBundle = z.infer<typeof bundleSchema>;

/**
 * The child with `childId` and everything a status needs about them, or null when there
 * is no such child in the actor's scope (`shape` and `scope`: core/access/scope.ts).
 */
export async function loadChildBundle(
  engine: Engine,
  childId: number,
  shape: ScopeShape,
  scope: ScopeValues,
  range: { marksFrom: IsoDate; marksTo: IsoDate; exclusionsFrom: IsoDate; actions: number },
): Promise<ChildBundle | null> {
  const { actions, ...dates } = range;
  if (!Number.isSafeInteger(actions) || actions < 0) throw new RangeError(`actions: ${actions}`);
  const rows = await bundleQuery(engine, { ...scope, ...dates, childId }, `${shape}:${actions}`);
  return rows[0] ? bundleSchema.parse(rows[0]) : null;
}
