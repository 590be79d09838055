/**
 * CSV files as they arrive from social care systems, school MIS exports and spreadsheets:
 * a header row, then one record a line. Read as a stream, because a daily attendance feed
 * can be a million rows. Columns are matched case-insensitively (SSDA903 writes `CHILD`,
 * our own formats `child`), values are trimmed, extra columns are ignored (so an error
 * report with its `problem` column can be fixed and imported again).
 *
 * Speed matters here (measured on a 1,000,000-row feed): records are taken from the
 * parser synchronously in batches instead of one `await` each, rows stay arrays (an
 * object per row is built only where a schema needs one), and line numbers are counted
 * here: csv-parse's `info` option builds an object per record and halved the speed.
 */
import { createReadStream, statSync } from "node:fs";
import { parse } from "csv-parse";
import { type CsvSource, UnusableInputError } from "./kinds.js";

/** One data record: the line it starts on and its values in file order. */
export type CsvRow = { line: number; values: readonly string[] };

export type CsvFile = {
  name: string;
  /** Column names as the file writes them (for reports and the error file). */
  header: readonly string[];
  /** Position of a column by its key (lower case), or -1. */
  column(key: string): number;
  /** The row as an object by column key, for a zod row schema. */
  fields(row: CsvRow): Record<string, string>;
  /** The data rows, a batch at a time. */
  batches(): AsyncGenerator<CsvRow[]>;
  /** Stops reading (when another file of the import turned out unusable). */
  close(): void;
};

/** How a column name is matched: `DOB`, ` dob ` and `Dob` are the same column. */
export const columnKey = (name: string): string => name.trim().toLowerCase();

const BATCH = 1_000;

const newlines = (values: readonly string[]): number => {
  let n = 0;
  for (const v of values) if (v.includes("\n")) n += v.split("\n").length - 1;
  return n;
};
const isBlank = (values: readonly string[]) => values.every((v) => v === "");

/**
 * Opens `source` and reads its header row. Throws UnusableInputError when the file is
 * missing, empty, not CSV, or lacks one of the `required` columns (all are named at once).
 */
export async function openCsv(
  source: CsvSource,
  opts: { required: readonly string[]; onBytes?: (bytes: number) => void },
): Promise<CsvFile> {
  try {
    statSync(source.path);
  } catch {
    throw new UnusableInputError(`${source.name}: no such file.`);
  }
  const stream = createReadStream(source.path);
  const { onBytes } = opts;
  if (onBytes) stream.on("data", (chunk) => onBytes(chunk.length));
  const parser = stream.pipe(parse({ bom: true, trim: true, relax_column_count: true }));
  stream.on("error", (err) => parser.destroy(err));
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  parser.on("readable", signal);
  parser.on("end", () => {
    ended = true;
    signal();
  });
  parser.on("error", (err) => {
    failure = err;
    signal();
  });
  let line = 0;

  /** Up to `max` records, waiting only when the parser has none buffered; [] at the end. */
  async function read(max: number): Promise<{ line: number; values: string[] }[]> {
    for (;;) {
      const out: { line: number; values: string[] }[] = [];
      while (out.length < max) {
        const record: string[] | null = parser.read();
        if (record === null) break;
        out.push({ line: line + 1, values: record });
        line += 1 + newlines(record);
      }
      if (out.length > 0 || ended) return out;
      if (failure) {
        const at = (failure as { lines?: unknown }).lines;
        // Rows before a syntax error may already be imported (whole batches): a fixed file can be run again.
        const sofar = line > 1 ? " Rows before it were imported; fix the file and run it again." : "";
        const where = typeof at === "number" ? ` near line ${at}` : "";
        throw new UnusableInputError(`${source.name}: not readable as CSV${where}: ${failure.message}.${sofar}`);
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }

  let header: string[] | null = null;
  while (header === null) {
    const [first] = await read(1);
    if (!first) throw new UnusableInputError(`${source.name}: the file is empty; it needs a header row.`);
    if (!isBlank(first.values)) header = first.values;
  }
  // A column named __proto__ must not reach an object's prototype: it is never one of ours.
  const keys = header.map((h) => (columnKey(h) === "__proto__" ? "" : columnKey(h)));
  const missing = opts.required.filter((column) => !keys.includes(column));
  if (missing.length > 0) {
    parser.destroy();
    throw new UnusableInputError(
      `${source.name}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the header row has: ${header.join(", ")}).`,
    );
  }

  return {
    name: source.name,
    header,
    column: (key) => keys.indexOf(key),
    fields(row) {
      const fields: Record<string, string> = {};
      keys.forEach((key, i) => {
        if (key) fields[key] = row.values[i] ?? "";
      });
      return fields;
    },
    async *batches() {
      for (let batch = await read(BATCH); batch.length > 0; batch = await read(BATCH)) {
        const rows = batch.filter((row) => !isBlank(row.values));
        if (rows.length > 0) yield rows;
      }
    },
    close: () => parser.destroy(),
  };
}
