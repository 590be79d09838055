/**
 * Everything about one child that a status needs, in ONE statement: each relation comes
 * back as a JSON array built by the database. Through Prisma each query costs about half
 * a millisecond of client overhead, and a status needs nine relations; this keeps a
 * status read near one query (see README, Benchmarks). SQLite's JSON functions; a
 * PostgreSQL variant (json_agg, json_build_object) belongs beside it.
 */
import { z } from "zod";
import { PEP_STATUSES } from "../peps/pep.rules.js";
import type { IsoDate } from "../platform/dates.js";
import type { Db } from "../platform/db.js";

const BUNDLE_SQL = `
WITH p AS (SELECT ? AS childId, ? AS marksFrom, ? AS marksTo, ? AS exclusionsFrom, ? AS actions)
SELECT
 (SELECT json_group_array(json_object('schoolId', e.schoolId, 'schoolName', s.name, 'urn', s.urn, 'phase', s.phase,
    'outOfArea', s.outOfArea, 'localAuthority', s.localAuthority, 'fromDate', e.fromDate, 'toDate', e.toDate,
    'yearGroup', e.yearGroup))
  FROM (SELECT * FROM Enrolment, p WHERE Enrolment.childId = p.childId ORDER BY fromDate) e
  JOIN School s ON s.id = e.schoolId) AS enrolments,
 (SELECT json_group_array(json_object('placementType', placementType, 'fromDate', fromDate, 'toDate', toDate,
    'outOfArea', outOfArea))
  FROM (SELECT c.* FROM CarePlacement c, p WHERE c.childId = p.childId ORDER BY fromDate)) AS placements,
 (SELECT json_group_array(json_object('term', term, 'dueDate', dueDate, 'meetingDate', meetingDate, 'status', status,
    'rag', rag, 'targets', targets))
  FROM (SELECT x.* FROM Pep x, p WHERE x.childId = p.childId ORDER BY dueDate)) AS peps,
 (SELECT json_group_array(json_array(date, session, code))
  FROM AttendanceMark m, p WHERE m.childId = p.childId AND m.date >= p.marksFrom AND m.date <= p.marksTo) AS marks,
 (SELECT json_group_array(json_object('kind', kind, 'startDate', startDate, 'days', days))
  FROM (SELECT x.* FROM Exclusion x, p WHERE x.childId = p.childId AND x.startDate >= p.exclusionsFrom
        ORDER BY startDate)) AS exclusions,
 (SELECT json_group_array(json_object('date', date, 'status', status))
  FROM (SELECT r.date, r.status FROM CareReview r, p WHERE r.childId = p.childId ORDER BY r.date)) AS reviews,
 (SELECT json_group_array(json_object('id', id, 'startDate', startDate, 'plannedEndDate', plannedEndDate,
    'reviewDate', reviewDate, 'endedOn', endedOn, 'hoursPerWeek', hoursPerWeek))
  FROM (SELECT t.* FROM PartTimeTimetable t, p WHERE t.childId = p.childId ORDER BY t.startDate, t.id)) AS partTime,
 (SELECT json_group_array(json_object('at', at, 'text', text, 'category', category, 'followUpDate', followUpDate,
    'by', name))
  FROM (SELECT a.at, a.text, a.category, a.followUpDate, pr.name FROM ActionLog a
        JOIN Professional pr ON pr.id = a.professionalId, p
        WHERE a.childId = p.childId ORDER BY a.at DESC, a.id DESC LIMIT (SELECT actions FROM p))) AS actions`;

const date = z.string();
const maybeDate = z.string().nullable();
const flag = z.union([z.boolean(), z.number()]).transform(Boolean);
const json = <T extends z.ZodType>(item: T) =>
  z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    })
    .pipe(z.array(item));

/** SQLite DATETIME as Prisma stores it: ISO text or epoch milliseconds. */
const instant = z.union([z.string(), z.number()]).transform((v) => new Date(v).toISOString());

const bundleSchema = z.object({
  enrolments: json(
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
  placements: json(z.object({ placementType: z.string(), fromDate: date, toDate: maybeDate, outOfArea: flag })),
  peps: json(
    z.object({
      term: z.string(),
      dueDate: date,
      meetingDate: maybeDate,
      status: z.enum(PEP_STATUSES),
      rag: z.enum(["red", "amber", "green"]).nullable(),
      targets: z.string().nullable(),
    }),
  ),
  marks: json(z.tuple([date, z.enum(["AM", "PM"]), z.string()])),
  exclusions: json(
    z.object({
      kind: z.string().transform((k) => (k === "permanent" ? "permanent" : "suspension") as "permanent" | "suspension"),
      startDate: date,
      days: z.number(),
    }),
  ),
  reviews: json(z.object({ date, status: z.string() })),
  partTime: json(
    z.object({
      id: z.number(),
      startDate: date,
      plannedEndDate: date,
      reviewDate: date,
      endedOn: maybeDate,
      hoursPerWeek: z.number().nullable(),
    }),
  ),
  actions: json(
    z.object({ at: instant, text: z.string(), category: z.string(), followUpDate: maybeDate, by: z.string() }),
  ),
});
export type ChildBundle = z.infer<typeof bundleSchema>;

export async function loadChildBundle(
  db: Db,
  childId: number,
  range: { marksFrom: IsoDate; marksTo: IsoDate; exclusionsFrom: IsoDate; actions: number },
): Promise<ChildBundle> {
  const rows = await db.$queryRawUnsafe<unknown[]>(
    BUNDLE_SQL,
    childId,
    range.marksFrom,
    range.marksTo,
    range.exclusionsFrom,
    range.actions,
  );
  return bundleSchema.parse(rows[0]);
}
