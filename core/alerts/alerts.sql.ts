/**
 * The scan's reads of alerts and of PEPs waiting for quality assurance, on the SQL layer:
 * each a statement prepared once, lists bound as one JSON value. Through Prisma each was
 * a query shape its compiler worked out afresh in every process (tens of milliseconds a
 * scan in a new worker), and rows it built one by one. Rows come in order of id.
 */
import { sql } from "kysely";
import type { IsoDate } from "../platform/dates.js";
import type { Engine } from "../platform/sql/index.js";
import { prepared } from "../platform/sql/prepared.js";
import { cohortIds } from "./scan.sql.js";

type AlertRow = { id: number; childId: number; rule: string; period: string };

/** Texts in a bound JSON array of one-element arrays, as a subquery for IN. */
const textsIn = (engine: Engine, json: unknown) =>
  sql<string>`(SELECT "text" FROM ${engine.rowsFrom(json, [["text", "text"]])} AS "t")`;

/**
 * Alerts of the rules listed (for everyone, or for the children listed), of the statuses
 * listed unless "any status".
 */
const alertsQuery = prepared<
  { rules: string; statuses: string; childIds: string },
  AlertRow,
  "everyone" | "some" | "some, any status"
>((db, p, engine, shape) => {
  let q = db
    .selectFrom("Alert")
    .select(["id", "childId", "rule", "period"])
    .where("rule", "in", textsIn(engine, p.rules));
  if (shape !== "some, any status") q = q.where("status", "in", textsIn(engine, p.statuses));
  if (shape !== "everyone") q = q.where("childId", "in", engine.idsIn(p.childIds));
  return q.orderBy("id");
});

const asTexts = (texts: readonly string[]) => JSON.stringify(texts.map((t) => [t]));

/** The alerts of `rules` in one of `statuses`: everyone's, or only about `childIds`. */
export async function alertsOf(
  engine: Engine,
  rules: readonly string[],
  statuses: readonly string[] | "any status",
  childIds?: readonly number[],
): Promise<AlertRow[]> {
  if (childIds?.length === 0) return [];
  const shape = statuses === "any status" ? "some, any status" : childIds ? "some" : "everyone";
  if (shape === "some, any status" && !childIds)
    throw new Error("Alerts of any status are read for listed children only.");
  const rows = await alertsQuery(
    engine,
    {
      rules: asTexts(rules),
      statuses: asTexts(statuses === "any status" ? [] : statuses),
      childIds: JSON.stringify(childIds ?? []),
    },
    shape,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), childId: Number(r.childId) }));
}

type WaitingPep = {
  id: number;
  childId: number;
  term: string;
  meetingDate: string | null;
  targets: number;
  ppRequestedPence: number;
};

/** Submitted PEPs of the children in the cohort today, each with its targets' count and PP+ requested. */
const submittedPeps = prepared<{ today: IsoDate; childIds: string; from: IsoDate; to: IsoDate }, WaitingPep>(
  (db, p, engine) =>
    db
      .selectFrom("Pep as p")
      .leftJoin("PepTarget as t", "t.pepId", "p.id")
      .select((eb) => [
        "p.id",
        "p.childId",
        "p.term",
        "p.meetingDate",
        eb.fn.count<number>("t.id").as("targets"),
        eb.fn.coalesce(eb.fn.sum<number>("t.ppRequestedPence"), eb.lit(0)).as("ppRequestedPence"),
      ])
      .where("p.status", "=", "submitted")
      .where("p.childId", "in", cohortIds(db, p, engine, "everyone"))
      .groupBy(["p.id", "p.childId", "p.term", "p.meetingDate"])
      .orderBy("p.id"),
);

/** PEPs submitted and waiting for quality assurance, of children in the cohort today. */
export async function submittedPepsInCohort(engine: Engine, today: IsoDate): Promise<WaitingPep[]> {
  const rows = await submittedPeps(engine, { today, childIds: "[]", from: today, to: today });
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    childId: Number(r.childId),
    targets: Number(r.targets),
    ppRequestedPence: Number(r.ppRequestedPence),
  }));
}
