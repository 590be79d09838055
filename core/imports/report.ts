/**
 * What an import did: counts per table (created, updated, unchanged, rejected) and every
 * row-level problem with its file and line, so a data officer can find and fix the row.
 * A problem either rejected its row or was imported with a flag (a UPN failing its check
 * letter is kept, never dropped): `outcome` says which.
 */
import type { CsvFile, CsvRow } from "./csv.js";
import { columnKey } from "./csv.js";
import type { ImportKind } from "./kinds.js";

export type Tally = { created: number; updated: number; unchanged: number; rejected: number };
export type ProblemOutcome = "rejected" | "imported";

export type Problem = {
  file: string;
  line: number;
  field: string;
  value: string;
  message: string;
  outcome: ProblemOutcome;
};

/** A problem with the row it came from, for the error report file (never sent over the API). */
export type RowProblem = Problem & { values: readonly string[] };

export type ImportSummary = {
  kind: ImportKind;
  /** Data rows read from each file. */
  files: { name: string; rows: number }[];
  /** Per table: children, placements, reviews, marks, schools, enrolments, calendar. */
  tables: Record<string, Tally>;
  totals: Tally;
  /** Kind-specific figures, e.g. SSDA903 `lookedAfterNow` and `upnFailedCheck`. */
  facts: Record<string, number>;
  /** Decisions the reader should know about (placeholders, files read but not stored). */
  notes: string[];
  problems: number;
  milliseconds: number;
};

export type Report = ReturnType<typeof createReport>;

/**
 * Problems kept with their rows for the error report. A file that is wrong on every line
 * (say, a feed naming children by an id we do not know) would otherwise hold a million
 * rows in memory to write a report nobody can work through; the count stays exact.
 */
export const MAX_PROBLEMS_KEPT = 100_000;

export function createReport(kind: ImportKind) {
  const started = performance.now();
  const files = new Map<string, { rows: number; header: readonly string[]; keys: string[] }>();
  const tables: Record<string, Tally> = {};
  const facts: Record<string, number> = {};
  const notes: string[] = [];
  const problems: RowProblem[] = [];
  let problemCount = 0;

  /** `field` is a column key; the problem names the column as the file writes it. */
  const add = (file: string, row: CsvRow, field: string, message: string, outcome: ProblemOutcome) => {
    const entry = files.get(file);
    const at = entry ? entry.keys.indexOf(field) : -1;
    const name = at >= 0 ? (entry?.header[at] ?? field) : field;
    const value = at >= 0 ? (row.values[at] ?? "") : "";
    if (++problemCount > MAX_PROBLEMS_KEPT) return;
    problems.push({ file, line: row.line, field: name, value, message, outcome, values: row.values });
  };

  return {
    /** Registers a file as it is opened (its header names the columns in problems). */
    file(csv: CsvFile): void {
      files.set(csv.name, { rows: 0, header: csv.header, keys: csv.header.map(columnKey) });
    },
    /** Counts data rows read from `file`. */
    read(file: string, rows = 1): void {
      const entry = files.get(file);
      if (entry) entry.rows += rows;
    },
    tally(table: string): Tally {
      tables[table] ??= { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      return tables[table];
    },
    /** The row is not imported: one problem per issue, one rejection for the table. */
    reject(table: string, file: string, row: CsvRow, issues: readonly { field: string; message: string }[]): void {
      for (const issue of issues) add(file, row, issue.field, issue.message, "rejected");
      this.tally(table).rejected++;
    },
    /** The row is imported, with a problem the officer should still fix. */
    flag(file: string, row: CsvRow, field: string, message: string): void {
      add(file, row, field, message, "imported");
    },
    fact(name: string, value: number): void {
      facts[name] = value;
    },
    note(text: string): void {
      notes.push(text);
    },
    header(file: string): readonly string[] {
      return files.get(file)?.header ?? [];
    },
    /** The problems kept (the first MAX_PROBLEMS_KEPT), in the order found. */
    get problems(): readonly RowProblem[] {
      return problems;
    },
    /** Every problem found, kept or not. */
    get problemCount(): number {
      return problemCount;
    },
    summary(): ImportSummary {
      const totals: Tally = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      for (const t of Object.values(tables)) {
        totals.created += t.created;
        totals.updated += t.updated;
        totals.unchanged += t.unchanged;
        totals.rejected += t.rejected;
      }
      return {
        kind,
        files: [...files].map(([name, f]) => ({ name, rows: f.rows })),
        tables: structuredClone(tables),
        totals,
        facts: { ...facts },
        notes:
          problemCount > problems.length
            ? [
                ...notes,
                `Only the first ${problems.length.toLocaleString("en-GB")} of ${problemCount.toLocaleString("en-GB")} problems are listed (and in the error report).`,
              ]
            : [...notes],
        problems: problemCount,
        milliseconds: Math.round(performance.now() - started),
      };
    },
  };
}

/** A problem as the API returns it: without the row's other values. */
export const publicProblem = ({ values: _values, ...problem }: RowProblem): Problem => problem;
