/**
 * The shape shared by the small imports (schools, roll, calendar): every row parsed and
 * keyed (a key seen before is refused: the file contradicts itself), compared with what
 * is stored, and the differences written a batch per transaction.
 */
import { eachRow, type ImportContext } from "./context.js";
import type { CsvFile, CsvRow } from "./csv.js";
import { chunks } from "./sql.js";

export type Parsed<T> =
  | { ok: true; key: string; value: T }
  | { ok: false; issues: { field: string; message: string }[] };

/** Rows in file order by key; a repeated key is reported on column `key.field`, named `key.name`. */
export async function readKeyed<T>(
  ctx: ImportContext,
  file: CsvFile,
  table: string,
  key: { field: string; name: string },
  parse: (row: CsvRow) => Parsed<T>,
): Promise<Map<string, { value: T; row: CsvRow }>> {
  const rows = new Map<string, { value: T; row: CsvRow }>();
  await eachRow(ctx, file, (row) => {
    const parsed = parse(row);
    if (!parsed.ok) return ctx.report.reject(table, file.name, row, parsed.issues);
    const earlier = rows.get(parsed.key);
    if (earlier) {
      const message = `repeats line ${earlier.row.line} (the same ${key.name}): the first is kept`;
      return ctx.report.reject(table, file.name, row, [{ field: key.field, message }]);
    }
    rows.set(parsed.key, { value: parsed.value, row });
  });
  return rows;
}

/** Counts each item as created, updated or unchanged by `compare`; returns those to write. */
export function classify<T>(
  ctx: ImportContext,
  table: string,
  items: Iterable<T>,
  compare: (item: T) => "created" | "updated" | "unchanged",
): { item: T; change: "created" | "updated" }[] {
  const tally = ctx.report.tally(table);
  const out: { item: T; change: "created" | "updated" }[] = [];
  for (const item of items) {
    const change = compare(item);
    tally[change]++;
    if (change !== "unchanged") out.push({ item, change });
  }
  return out;
}

/** Writes `items` `size` at a time, one transaction each. */
export async function writeInBatches<T>(
  ctx: ImportContext,
  items: readonly T[],
  size: number,
  write: (batch: T[]) => Promise<void>,
) {
  for (const batch of chunks(items, size)) await ctx.db.write(() => write(batch));
}
