/**
 * The error report a data officer works from: the rows that had problems, with their
 * original columns and a `problem` column saying what is wrong and on which line. The
 * importers ignore columns they do not know, so the fixed file can be imported as it is
 * (for SSDA903, fix the original files instead: periods of care need every episode).
 */
import { once } from "node:events";
import { createWriteStream, existsSync, rmSync } from "node:fs";
import { stringify } from "csv-stringify";
import { columnKey } from "./csv.js";
import type { CsvSource } from "./kinds.js";
import type { Report, RowProblem } from "./report.js";

export const errorReportPath = (input: string): string => `${input}.errors.csv`;

const describe = (p: RowProblem): string => `${p.field}${p.value ? ` "${p.value}"` : ""} ${p.message}`.trim();

/**
 * A cell a spreadsheet would take for a formula (= + - @, or a tab or carriage return
 * first) gets a leading single quote, so `=HYPERLINK(...)` from a bad row shows as text.
 * A plain number such as -3 or +44 20 7946 0000, or a lone "-", is left as it is.
 */
export function spreadsheetSafe(cell: string): string {
  if (!/^[=+\-@\t\r]/.test(cell) || /^[+-][\d .,]*$/.test(cell)) return cell;
  return `'${cell}`;
}

/** One output row per input line, its problems joined; in line order. */
export function errorRows(header: readonly string[], problems: readonly RowProblem[]): string[][] {
  // A re-run of an error report carries the old `problem` column: replace it, not keep both.
  const keep = header.map((h, i) => (columnKey(h) === "problem" ? -1 : i)).filter((i) => i >= 0);
  const byLine = new Map<number, { values: readonly string[]; texts: string[] }>();
  for (const p of problems) {
    const entry = byLine.get(p.line) ?? { values: p.values, texts: [] };
    entry.texts.push(describe(p));
    byLine.set(p.line, entry);
  }
  return [...byLine]
    .sort(([a], [b]) => a - b)
    .map(([line, { values, texts }]) =>
      [...keep.map((i) => values[i] ?? ""), `line ${line}: ${texts.join("; ")}`].map(spreadsheetSafe),
    );
}

export async function writeErrorReport(path: string, header: readonly string[], problems: readonly RowProblem[]) {
  const out = createWriteStream(path);
  const csv = stringify({
    header: true,
    columns: [...header.filter((h) => columnKey(h) !== "problem"), "problem"].map(spreadsheetSafe),
  });
  csv.pipe(out);
  for (const row of errorRows(header, problems)) {
    if (!csv.write(row)) await once(csv, "drain");
  }
  csv.end();
  await once(out, "finish");
}

/**
 * Writes `<input>.errors.csv` beside each input that had problems and removes a stale one
 * beside each input that now has none, so the file on disk always matches the last run.
 */
export async function writeErrorReports(report: Report, sources: readonly CsvSource[]) {
  const written: string[] = [];
  const removed: string[] = [];
  for (const source of sources) {
    const path = errorReportPath(source.path);
    const problems = report.problems.filter((p) => p.file === source.name);
    if (problems.length > 0) {
      await writeErrorReport(path, report.header(source.name), problems);
      written.push(path);
    } else if (existsSync(path)) {
      rmSync(path);
      removed.push(path);
    }
  }
  return { written, removed };
}
