/**
 * The child a vendor's row is about: by the authority's local id, by UPN, or both. A row
 * giving both must name the same child with each (a UPN typed against the wrong child is
 * exactly what the error report should catch); a blank one is simply not used.
 */
import type { ChildIndex } from "./child-index.js";

/** Column names for the child's local id in ePEP and school exports. */
export const CHILD_ID_NAMES = [
  "child id",
  "child",
  "la child id",
  "local child id",
  "local id",
  "child ref",
  "child reference",
  "la child reference",
  "person id",
  "lcs id",
  "ssda903 id",
] as const;

/** Column names for the UPN. */
export const UPN_NAMES = ["upn", "unique pupil number", "pupil upn", "child upn"] as const;

type Problem = { field: string; message: string };

/** `fields` are the columns problems are reported on (the file's own names). */
export function findChild(
  children: ChildIndex,
  ref: { id: string; upn: string },
  fields: { id: string; upn: string },
): { id: number } | { problems: Problem[] } {
  const id = ref.id.trim();
  const upn = ref.upn.trim();
  if (id === "" && upn === "") {
    return { problems: [{ field: fields.id, message: "is empty: the child's local id or UPN is needed" }] };
  }
  const byId = id === "" ? null : children.find(id);
  const byUpn = upn === "" ? null : children.find(upn);
  if (byId && "problem" in byId && (!byUpn || "problem" in byUpn)) {
    const problems = [{ field: fields.id, message: byId.problem }];
    if (byUpn && "problem" in byUpn) problems.push({ field: fields.upn, message: byUpn.problem });
    return { problems };
  }
  if (byId && "id" in byId && byUpn && "id" in byUpn && byId.id !== byUpn.id) {
    return { problems: [{ field: fields.upn, message: "is another child's UPN: the row names two children" }] };
  }
  const found = byId && "id" in byId ? byId : byUpn;
  if (found && "id" in found) return { id: found.id };
  return { problems: [{ field: fields.upn, message: found?.problem ?? "matches no child" }] };
}
