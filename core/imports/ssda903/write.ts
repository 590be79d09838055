/**
 * Writing SSDA903 children with their placements and reviews. Each child is first
 * compared with what is stored (`planChild`: counts, no writes), then a batch of children
 * is written in one transaction (`writeChildBatch`), so a failure never leaves a child
 * written without its episodes. Only differences are written: a second run writes nothing.
 */

import { recordedAtText } from "../../platform/clock.js";
import { auditImport, type ImportContext } from "../context.js";
import { chunks, placeholders, type SqlValue } from "../sql.js";
import type { CareHistory, Episode } from "./periods.js";
import type { HeaderChild, ReviewEntry } from "./read.js";
import { CHILD_FIELDS, type ChildFields, type Stored } from "./stored.js";

export type PlannedChild = { header: HeaderChild; history: CareHistory | null; reviews: readonly ReviewEntry[] };

/** SSDA903 has no names: a new child is "Child <CHILD id>" until the Virtual School enters the name. */
export const PLACEHOLDER_FIRST_NAME = "Child";

type ChildWrite = {
  localId: string;
  storedId: number | null;
  /** The child's own fields when they differ from the stored ones. */
  fields: ChildFields | null;
  newPlacements: Episode[];
  changedPlacements: { id: number; episode: Episode }[];
  reviews: ReviewEntry[];
};

/**
 * The start of care to store. A return whose current period began before its first
 * episode (periods.ts `careStartKnown` false) only says "looked after on or before this
 * date": a start already stored for the same period is kept (known from an S episode in an
 * earlier return, or an earlier "on or before"), so a re-import never moves a start later.
 * An S episode dates its period; so does a period that began after the stored one ended.
 */
function startOfCare(
  history: CareHistory,
  stored: ChildFields | undefined,
): Pick<ChildFields, "lookedAfterSince" | "careStartKnown"> {
  const since = history.lookedAfterSince;
  if (since === null) return { lookedAfterSince: null, careStartKnown: true };
  const before = stored?.lookedAfterSince ?? null;
  const samePeriod =
    before !== null && before <= since && (stored?.ceasedLookedAfter == null || stored.ceasedLookedAfter >= since);
  if (history.careStartKnown || !samePeriod || !stored)
    return { lookedAfterSince: since, careStartKnown: history.careStartKnown };
  return { lookedAfterSince: before, careStartKnown: stored.careStartKnown };
}

/** The child as the record should hold it: the file's facts over what is stored. */
function desiredChild(plan: PlannedChild, stored: ChildFields | undefined, laCode: string): ChildFields {
  const { header, history } = plan;
  const care = history
    ? startOfCare(history, stored)
    : { lookedAfterSince: stored?.lookedAfterSince ?? null, careStartKnown: stored?.careStartKnown ?? true };
  return {
    firstName: stored?.firstName ?? PLACEHOLDER_FIRST_NAME,
    lastName: stored?.lastName ?? header.localId,
    upn: header.upn,
    upnIssue: header.upnIssue,
    dateOfBirth: header.dateOfBirth,
    // An unreadable SEX says nothing new: keep what is known.
    sex: header.sex ?? stored?.sex ?? null,
    placingAuthority: laCode,
    // A child with no episodes in this return keeps the care dates already recorded.
    legalStatus: history ? history.legalStatus : (stored?.legalStatus ?? null),
    ...care,
    ceasedLookedAfter: history ? history.ceasedLookedAfter : (stored?.ceasedLookedAfter ?? null),
    // Goes with the end: cleared when a new period begins, kept when the return says nothing.
    ceasedReason: history ? history.ceasedReason : (stored?.ceasedReason ?? null),
  };
}

/** Compares one child with the database and counts created / updated / unchanged. */
export function planChild(ctx: ImportContext, plan: PlannedChild, stored: Stored): ChildWrite {
  const { report } = ctx;
  const existing = stored.children.get(plan.header.localId);
  const fields = desiredChild(plan, existing, ctx.laCode);
  const same = existing !== undefined && CHILD_FIELDS.every((f) => existing[f] === fields[f]);
  report.tally("children")[same ? "unchanged" : existing ? "updated" : "created"]++;
  const write: ChildWrite = {
    localId: plan.header.localId,
    storedId: existing?.id ?? null,
    fields: same ? null : fields,
    newPlacements: [],
    changedPlacements: [],
    reviews: [],
  };
  const placements = report.tally("placements");
  for (const episode of plan.history?.episodes ?? []) {
    const old = existing && stored.placements.get(`${existing.id}|${episode.start}`);
    if (!old) {
      write.newPlacements.push(episode);
      placements.created++;
    } else if (old.placementType === episode.place && old.toDate === episode.end && old.placementUrn === episode.urn) {
      placements.unchanged++;
    } else {
      write.changedPlacements.push({ id: old.id, episode });
      placements.updated++;
    }
  }
  const reviews = report.tally("reviews");
  for (const review of plan.reviews) {
    const key = existing ? `${existing.id}|${review.date}` : "";
    if (!existing || !stored.reviews.has(key)) reviews.created++;
    else if (stored.reviews.get(key) !== review.code) reviews.updated++;
    else {
      reviews.unchanged++;
      continue;
    }
    write.reviews.push(review);
  }
  return write;
}

/** SQLite binds no booleans: 1 or 0. */
const sqlValue = (value: string | boolean | null): SqlValue => (typeof value === "boolean" ? Number(value) : value);

const CHILD_COLUMNS = ["localId", "firstName", "lastName", ...CHILD_FIELDS, "createdAt", "updatedAt"] as const;
const UPSERT_CHILD = (rows: number) =>
  `INSERT INTO "Child" (${CHILD_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${placeholders(rows, CHILD_COLUMNS.length)}
   ON CONFLICT ("localId") DO UPDATE SET ${[...CHILD_FIELDS, "updatedAt"].map((c) => `"${c}" = excluded."${c}"`).join(", ")}
   RETURNING "id", "localId"`;

/** Writes planned children; call inside `ctx.db.write()`. */
export async function writeChildBatch(ctx: ImportContext, batch: readonly ChildWrite[]): Promise<void> {
  const { db } = ctx;
  const now = recordedAtText();
  const ids = new Map<string, number>();
  const changed = new Set<number>();
  for (const part of chunks(
    batch.filter((w) => w.fields !== null),
    500,
  )) {
    const params = part.flatMap((w) => {
      const f = w.fields as ChildFields;
      return [w.localId, f.firstName, f.lastName, ...CHILD_FIELDS.map((c) => sqlValue(f[c])), now, now];
    });
    for (const r of await db.all<{ id: number; localId: string }>(UPSERT_CHILD(part.length), params)) {
      ids.set(r.localId, r.id);
      changed.add(r.id);
    }
  }
  const placements: (string | number | null)[][] = [];
  const reviews: (string | number | null)[][] = [];
  for (const w of batch) {
    const childId = ids.get(w.localId) ?? w.storedId;
    if (childId === null) throw new Error(`child ${w.localId} was written but has no id`);
    for (const e of w.newPlacements) placements.push([childId, e.place, e.start, e.end, e.urn]);
    for (const { id, episode: e } of w.changedPlacements) {
      await db.run(`UPDATE "CarePlacement" SET "placementType" = ?, "toDate" = ?, "placementUrn" = ? WHERE "id" = ?`, [
        e.place,
        e.end,
        e.urn,
        id,
      ]);
    }
    for (const r of w.reviews) reviews.push([childId, r.date, r.code]);
    if (w.newPlacements.length + w.changedPlacements.length + w.reviews.length > 0) changed.add(childId);
  }
  for (const part of chunks(placements, 1_000)) {
    await db.run(
      `INSERT INTO "CarePlacement" ("childId", "placementType", "fromDate", "toDate", "placementUrn")
       VALUES ${placeholders(part.length, 5)}`,
      part.flat(),
    );
  }
  for (const part of chunks(reviews, 1_000)) {
    await db.run(
      `INSERT INTO "CareReview" ("childId", "date", "code") VALUES ${placeholders(part.length, 3)}
       ON CONFLICT ("childId", "date") DO UPDATE SET "code" = excluded."code"`,
      part.flat(),
    );
  }
  await auditImport(ctx, changed);
}
