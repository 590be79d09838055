/**
 * `import exclusions`: suspensions and permanent exclusions from schools' systems (a
 * census-like CSV: UPN or child id, school URN, category, start date, length in school
 * days or sessions, reason code) → Exclusion, one per child, kind and start date (the
 * table's unique key).
 *
 * The school is the URN's when the row gives one, else the one already recorded, else
 * the school the child was on the roll of on the start date. A blank reason leaves the
 * recorded one. Stored exclusions are updated in place, never replaced: the alert about
 * an exclusion is keyed by its id, so a re-sent file must not alert again.
 */
import type { IsoDate } from "../platform/dates.js";
import { loadChildIndex } from "./child-index.js";
import { findChild } from "./child-ref.js";
import { findColumns, issuesIn } from "./columns.js";
import { auditImport, type ImportContext, openAll } from "./context.js";
import { EXCLUSION_COLUMN_NAMES, type ExclusionField, exclusionRow } from "./exclusion-rows.js";
import { classify, readKeyed, writeInBatches } from "./keyed.js";
import type { ImportFiles } from "./kinds.js";
import { placeholders } from "./sql.js";

type Facts = { schoolId: number | null; days: number; sessions: number | null; reason: string | null };
type Stored = Facts & { id: number; childId: number; kind: string; startDate: string };
type Planned = { childId: number; kind: string; startDate: IsoDate; stored: Stored | undefined; facts: Facts };
const FACTS = ["schoolId", "days", "sessions", "reason"] as const;

export async function importExclusions(ctx: ImportContext, files: ImportFiles): Promise<void> {
  const { file } = await openAll(ctx, { file: { source: files.file, required: [] } });
  if (!file) throw new Error("the exclusions file is required");
  const columns = findColumns<ExclusionField>(file, EXCLUSION_COLUMN_NAMES, [
    ["child", "upn"],
    "category",
    "start_date",
  ]);
  const children = await loadChildIndex(ctx.db);
  const schools = new Map(
    (await ctx.db.all<{ id: number; urn: string }>(`SELECT "id", "urn" FROM "School"`)).map((s) => [s.urn, s.id]),
  );
  const schoolOn = await loadRoll(ctx);
  const key = (x: { childId: number; kind: string; startDate: string }) => `${x.childId}|${x.kind}|${x.startDate}`;
  const stored = new Map(
    (
      await ctx.db.all<Stored>(
        `SELECT "id", "childId", "schoolId", "kind", "startDate", "days", "sessions", "reason" FROM "Exclusion"`,
      )
    ).map((x) => [key(x), x]),
  );

  // A missing length is reported on the column the file gives lengths in.
  const lengthColumn = columns.has("days") || !columns.has("sessions") ? columns.key("days") : columns.key("sessions");
  const onLengthColumn = (issue: { field: string; message: string }) =>
    issue.field === "length" ? { ...issue, field: lengthColumn } : issue;
  const field = { field: columns.key("start_date"), name: "child, category and start date" };
  const rows = await readKeyed<Planned>(ctx, file, "exclusions", field, (row) => {
    const values = columns.values(row);
    const parsed = exclusionRow.safeParse(values);
    const childFields = { id: columns.key("child"), upn: columns.key("upn") };
    const child = findChild(children, { id: values.child, upn: values.upn }, childFields);
    const issues = [
      ...("problems" in child ? child.problems : []),
      ...(parsed.success ? [] : issuesIn(columns, parsed.error).map(onLengthColumn)),
    ];
    if (!parsed.success || "problems" in child) return { ok: false, issues };
    const r = parsed.data;
    const named = r.urn === null ? null : schools.get(r.urn);
    if (named === undefined) {
      return {
        ok: false,
        issues: [{ field: columns.key("urn"), message: "matches no school: import the schools first" }],
      };
    }
    const permanent = r.category.kind === "permanent";
    const planned = { childId: child.id, kind: r.category.kind, startDate: r.start_date };
    const old = stored.get(key(planned));
    const facts: Facts = {
      schoolId: named ?? old?.schoolId ?? schoolOn(child.id, r.start_date),
      // A permanent exclusion has no length (the record counts suspensions' school days).
      days: permanent ? 0 : (r.days ?? (r.sessions !== null ? r.sessions / 2 : 0.5)),
      sessions: permanent ? null : (r.sessions ?? (r.days === null ? 1 : null)),
      reason: r.reason ?? old?.reason ?? null,
    };
    return { ok: true, key: key(planned), value: { ...planned, stored: old, facts } };
  });

  const changes = classify(
    ctx,
    "exclusions",
    [...rows.values()].map((r) => r.value),
    (x) => (!x.stored ? "created" : FACTS.every((f) => x.stored?.[f] === x.facts[f]) ? "unchanged" : "updated"),
  );
  await writeInBatches(ctx, changes, 1_000, async (batch) => {
    const created = batch.filter((c) => c.change === "created").map((c) => c.item);
    if (created.length > 0) {
      await ctx.db.run(
        `INSERT INTO "Exclusion" ("childId", "kind", "startDate", ${FACTS.map((f) => `"${f}"`).join(", ")}, "recordedById")
         VALUES ${placeholders(created.length, FACTS.length + 4)}`,
        created.flatMap((x) => [x.childId, x.kind, x.startDate, ...FACTS.map((f) => x.facts[f]), ctx.actor.id]),
      );
    }
    for (const { item: x } of batch.filter((c) => c.change === "updated")) {
      await ctx.db.run(`UPDATE "Exclusion" SET ${FACTS.map((f) => `"${f}" = ?`).join(", ")} WHERE "id" = ?`, [
        ...FACTS.map((f) => x.facts[f]),
        x.stored?.id ?? null,
      ]);
    }
    await auditImport(ctx, new Set(batch.map((c) => c.item.childId)));
  });
}

/** The school a child was on the roll of on a date (the latest place started by then), or null. */
async function loadRoll(ctx: ImportContext): Promise<(childId: number, date: IsoDate) => number | null> {
  type Place = { childId: number; schoolId: number; fromDate: string; toDate: string | null };
  const byChild = new Map<number, Place[]>();
  for (const place of await ctx.db.all<Place>(
    `SELECT "childId", "schoolId", "fromDate", "toDate" FROM "Enrolment" ORDER BY "fromDate" DESC, "id" DESC`,
  )) {
    const places = byChild.get(place.childId);
    if (places) places.push(place);
    else byChild.set(place.childId, [place]);
  }
  return (childId, date) =>
    byChild.get(childId)?.find((p) => p.fromDate <= date && (p.toDate === null || p.toDate >= date))?.schoolId ?? null;
}
