/**
 * What the database already holds of the children an SSDA903 return describes, read once
 * so each row can be classed as created, updated or unchanged without a query per row.
 */
import type { ImportDb } from "../sql.js";

export type ChildFields = {
  upn: string | null;
  upnIssue: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: string | null;
  legalStatus: string | null;
  lookedAfterSince: string | null;
  /** False when the period began before the records: `lookedAfterSince` is "on or before". */
  careStartKnown: boolean;
  ceasedLookedAfter: string | null;
  /** SSDA903 REC of the episode that ended the last period (null while looked after). */
  ceasedReason: string | null;
  placingAuthority: string;
};
/** The fields an import may change; names are only ever set when a child is created. */
export const CHILD_FIELDS = [
  "upn",
  "upnIssue",
  "dateOfBirth",
  "sex",
  "legalStatus",
  "lookedAfterSince",
  "careStartKnown",
  "ceasedLookedAfter",
  "ceasedReason",
  "placingAuthority",
] as const satisfies readonly (keyof ChildFields)[];

export type StoredPlacement = { id: number; placementType: string; toDate: string | null; placementUrn: string | null };

export async function loadStored(db: ImportDb) {
  const children = new Map<string, ChildFields & { id: number }>();
  for (const c of await db.all<
    Omit<ChildFields, "careStartKnown"> & { id: number; localId: string; careStartKnown: number }
  >(
    `SELECT "id", "localId", "upn", "upnIssue", "firstName", "lastName", "dateOfBirth", "sex", "legalStatus",
            "lookedAfterSince", "careStartKnown", "ceasedLookedAfter", "ceasedReason", "placingAuthority"
       FROM "Child"`,
  )) {
    // Read as SQLite keeps a boolean, 0 or 1 (on both engines: see sql.ts).
    children.set(c.localId, { ...c, careStartKnown: c.careStartKnown !== 0 });
  }
  // Placements have no unique key in the schema; an episode is known by child and start date.
  const placements = new Map<string, StoredPlacement>();
  for (const p of await db.all<StoredPlacement & { childId: number; fromDate: string }>(
    `SELECT "id", "childId", "fromDate", "placementType", "toDate", "placementUrn" FROM "CarePlacement" ORDER BY "id"`,
  )) {
    const key = `${p.childId}|${p.fromDate}`;
    if (!placements.has(key)) placements.set(key, p);
  }
  const reviews = new Map<string, string | null>();
  for (const r of await db.all<{ childId: number; date: string; code: string | null }>(
    `SELECT "childId", "date", "code" FROM "CareReview"`,
  )) {
    reviews.set(`${r.childId}|${r.date}`, r.code);
  }
  return { children, placements, reviews };
}
export type Stored = Awaited<ReturnType<typeof loadStored>>;
