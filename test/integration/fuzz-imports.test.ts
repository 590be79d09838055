/**
 * Property-based fuzzing of the importers (issue 13, item 8): CSV files of every kind whose
 * cells are drawn from plausible values, arbitrary unicode (quotes, commas, new lines,
 * formula-leading text) and blanks. The importer never crashes: it answers a report, or
 * refuses the whole file with UnusableInputError; every problem names a row the file has,
 * and a row whose key cell is blank is reported on its own line. Fixed seed, bounded runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ImportKind, UnusableInputError } from "../../core/imports/kinds.js";
import { runImport } from "../../core/imports/run.js";
import { type ImportDb, openImportDb } from "../../core/imports/sql.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { buildSmallAuthority, LA } from "../support/factories.js";

const SEED = 20261123;
const RUNS = 150;
const counts: Record<string, number> = {};

let t: TestDb;
let sql: ImportDb;
const dir = mkdtempSync(join(tmpdir(), "vs-fuzz-imports-"));

beforeAll(async () => {
  t = await createTestDb("fuzz-imports");
  await buildSmallAuthority(t.db);
  sql = await openImportDb(t.url);
});
afterAll(async () => {
  sql.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
  const summary = Object.entries(counts).map(([k, n]) => `${k}=${n}`);
  console.log(`fuzz-imports: ${summary.join(", ")} files imported (seed ${SEED})`);
});

/** A column and plausible values for it; the first column of each file is the row's key. */
type Column = [name: string, plausible: string[]];

const DATES = ["2026-11-23", "23/11/2026", "29/02/2027", "2026-13-01", "31/02/2021", "yesterday", ""];
const CHILDREN = ["T001", "T002", "T999", "UN1", "A801200000001", ""];

const FILES: Record<ImportKind, Record<string, Column[]>> = {
  attendance: {
    file: [
      ["child", CHILDREN],
      ["date", DATES],
      ["session", ["AM", "PM", "am", "EVE"]],
      ["code", ["/", "\\", "I", "U", "#", "ZZ"]],
    ],
  },
  schools: {
    file: [
      ["urn", ["100001", "100003", "12", "abc"]],
      ["name", ["Oakfield Primary", "=HYPERLINK()", ""]],
      ["phase", ["primary", "Secondary", "nursery", "x"]],
      ["la", ["999", "888", "9999"]],
    ],
  },
  roll: {
    file: [
      ["child", CHILDREN],
      ["urn", ["100001", "100002", "424242"]],
      ["from", DATES],
      ["to", DATES],
      ["year_group", ["5", "R", "14", "x"]],
    ],
  },
  calendar: {
    file: [
      ["la", [LA, "888", "x"]],
      ["kind", ["term", "closure", "holiday"]],
      ["name", ["2026-autumn", "October half-term", "2027-spring"]],
      ["start", DATES],
      ["end", DATES],
    ],
  },
  peps: {
    file: [
      ["CHILD", CHILDREN],
      ["TERM", ["Autumn 2026", "Spring 2027", "Winter 9"]],
      ["STATUS", ["QA complete", "held", "booked", "??"]],
      ["MEETING DATE", DATES],
      ["RAG", ["Red", "amber", "G", "purple"]],
    ],
  },
  exclusions: {
    file: [
      ["UPN", CHILDREN],
      ["URN", ["100001", "", "7"]],
      ["Category", ["FIXD", "PERM", "EXPELLED"]],
      ["StartDate", DATES],
      ["Sessions", ["2", "0", "-1", "", "1e9"]],
      ["Reason", ["PP", "DB", "ZZ"]],
    ],
  },
  ssda903: {
    header: [
      ["CHILD", ["F1", "F2", "T001", ""]],
      ["SEX", ["1", "2", "M", "9"]],
      ["DOB", DATES],
      ["ETHNIC", ["WBRI", "XXXX"]],
      ["UPN", ["UN1", "A801200000001", "bad"]],
    ],
    episodes: [
      ["CHILD", ["F1", "F2", "F9", ""]],
      ["DECOM", DATES],
      ["RNE", ["S", "P", "Q"]],
      ["LS", ["C2", "V2", "ZZ"]],
      ["CIN", ["N1", "N9"]],
      ["PLACE", ["U1", "K2", "Z9"]],
      ["PLACE_PROVIDER", ["PR1", "PR9"]],
      ["DEC", DATES],
      ["REC", ["X1", "E11", ""]],
    ],
  },
};

/** A cell: plausible, arbitrary unicode, or spreadsheet-looking trouble. */
const cell = (plausible: string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...plausible) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom('"', '""', ",", "\n", "\r\n", "=1+1", "@SUM(A1)", "\u0000", "\uFEFF") },
  );

/** Rows of one file: cells per column, and whether the key (first) cell is blanked. */
const rowsOf = (columns: Column[]) =>
  fc.array(fc.record({ cells: fc.tuple(...columns.map(([, p]) => cell(p))), blankKey: fc.boolean() }), {
    minLength: 1,
    maxLength: 8,
  });

const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;

/** Writes the file (every cell quoted) and returns each row's first line, as the reader numbers them. */
function writeFile(name: string, columns: Column[], rows: { cells: string[]; blankKey: boolean }[]) {
  const lines = [columns.map(([c]) => c).join(",")];
  const starts: { line: number; blankKey: boolean; blank: boolean }[] = [];
  let line = 2;
  for (const { cells, blankKey } of rows) {
    const values = blankKey ? ["", ...cells.slice(1)] : cells;
    // The reader trims cells and skips rows with nothing in them.
    const blank = values.every((v) => v.trim() === "");
    starts.push({ line, blankKey, blank });
    line += 1 + values.reduce((n, v) => n + v.split("\n").length - 1, 0);
    lines.push(values.map(quote).join(","));
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { name, path, starts };
}

describe("CSV imports under fuzzing", () => {
  it.each(Object.keys(FILES) as ImportKind[])("%s: arbitrary cells never crash the importer", async (kind) => {
    const slots = Object.entries(FILES[kind]);
    const arb = fc.tuple(...slots.map(([, columns]) => rowsOf(columns)));
    let runs = 0;
    let refused = 0;
    let reported = 0;
    await fc.assert(
      fc.asyncProperty(arb, async (fileRows) => {
        runs += 1;
        const written = slots.map(([slot, columns], i) => ({
          slot,
          ...writeFile(`${kind}-${slot}.csv`, columns, fileRows[i] ?? []),
        }));
        const files = Object.fromEntries(written.map((w) => [w.slot, { name: w.name, path: w.path }]));
        let report: Awaited<ReturnType<typeof runImport>>;
        try {
          report = await runImport({ db: sql, kind, files, laCode: LA });
        } catch (err) {
          // Refusing the whole file is allowed, with a sentence; anything else is a crash.
          expect(err, String(err)).toBeInstanceOf(UnusableInputError);
          refused += 1;
          return;
        }
        reported += report.problemCount > 0 ? 1 : 0;
        for (const problem of report.problems) {
          const file = written.find((w) => w.name === problem.file);
          expect(file, `a problem in ${problem.file}`).toBeDefined();
          const lines = file?.starts.filter((s) => !s.blank).map((s) => s.line) ?? [];
          expect(lines, `${problem.file} line ${problem.line}: ${problem.message}`).toContain(problem.line);
          expect(problem.message.length).toBeGreaterThan(0);
        }
        // A row with no key is rejected and reported on its own line.
        for (const w of written) {
          for (const s of w.starts.filter((r) => r.blankKey && !r.blank)) {
            const at = report.problems.filter((p) => p.file === w.name && p.line === s.line);
            expect(at.length, `${w.name} line ${s.line}, key blank`).toBeGreaterThan(0);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    counts[kind] = runs;
    expect(runs).toBeGreaterThanOrEqual(RUNS);
    // The files are read, not refused wholesale, and their bad rows are reported.
    expect(refused).toBeLessThan(runs / 2);
    expect(reported).toBeGreaterThan(0);
  });
});
