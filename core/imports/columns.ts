/**
 * Columns found by any of their names. Vendors' exports name the same thing differently
 * (ePEP "LA Child ID", Welfare Call "Child ID", a census "UPN" or "Pupil UPN"), so an
 * importer of such files lists the names it accepts for each of its fields. Names match
 * whatever their case, spacing, underscores, hyphens and brackets: "PP+ Amount (£)" is
 * "pp+ amount", and a census's "StartDate" is "start date". A file must have one of the names of each required field (or of one of
 * the fields of a required group, such as the child's local id or UPN).
 */
import type { z } from "zod";
import type { CsvFile, CsvRow } from "./csv.js";
import { columnKey } from "./csv.js";
import { UnusableInputError } from "./kinds.js";

/** For each field, the column names it is known by (the first is the one documented). */
export type ColumnNames<F extends string> = Record<F, readonly string[]>;

/** How a header name is compared with the names a field is known by. */
export const looseName = (name: string): string => name.toLowerCase().replace(/[£()[\]:#'’.?*\s_\-/]+/g, "");

export type FoundColumns<F extends string> = {
  /** The field's values of `row` (blank for a field the file has no column for), for a zod schema. */
  values(row: CsvRow): Record<F, string>;
  /** The column a problem with `field` is reported on: the file's own, or the field's name when absent. */
  key(field: string): string;
  /** The file has a column for `field`. */
  has(field: F): boolean;
};

/**
 * Finds each field's column in `file`. Throws UnusableInputError naming every missing
 * field with the names accepted for it; `required` entries are a field or a group of
 * fields of which one is enough.
 */
export function findColumns<F extends string>(
  file: CsvFile,
  names: ColumnNames<F>,
  required: readonly (F | readonly F[])[],
): FoundColumns<F> {
  const header = file.header.map(looseName);
  const at = {} as Record<F, number>;
  for (const field of Object.keys(names) as F[]) {
    const wanted = names[field].map(looseName);
    at[field] = wanted.map((name) => header.indexOf(name)).find((i) => i >= 0) ?? -1;
  }
  const missing = required
    .map((need) => (typeof need === "string" ? [need] : need) as readonly F[])
    .filter((group) => group.every((field) => at[field] < 0))
    .map((group) => group.map((field) => names[field].map((n) => `"${n}"`).join(" or ")).join(", or "));
  if (missing.length > 0) {
    file.close();
    throw new UnusableInputError(
      `${file.name}: no column for ${missing.join("; no column for ")} (the header row has: ${file.header.join(", ")}).`,
    );
  }
  const fields = Object.keys(names) as F[];
  return {
    values(row) {
      const out = {} as Record<F, string>;
      for (const field of fields) out[field] = at[field] >= 0 ? (row.values[at[field]] ?? "") : "";
      return out;
    },
    key(field) {
      const i = at[field as F];
      return i !== undefined && i >= 0 ? columnKey(file.header[i] ?? field) : field;
    },
    has: (field) => at[field] >= 0,
  };
}

/** zod issues as problems on the file's own columns. */
export function issuesIn<F extends string>(
  columns: FoundColumns<F>,
  error: z.ZodError,
): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: columns.key(String(issue.path[0] ?? "")), message: issue.message }));
}
