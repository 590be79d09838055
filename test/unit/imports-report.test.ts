/** The report collector and the error report a data officer fixes and imports again. */
import { describe, expect, it } from "vitest";
import type { CsvFile } from "../../core/imports/csv.js";
import { errorRows } from "../../core/imports/error-report.js";
import { createReport, publicProblem } from "../../core/imports/report.js";

const file = (name: string, header: string[]): CsvFile => ({
  name,
  header,
  column: (key) => header.findIndex((h) => h.toLowerCase() === key),
  fields: () => ({}),
  batches: async function* () {},
  close: () => {},
});

describe("report", () => {
  it("counts per table and in total, and names columns as the file writes them", () => {
    const report = createReport("attendance");
    report.file(file("marks.csv", ["Child", "Date", "Session", "Code"]));
    report.read("marks.csv", 3);
    report.tally("marks").created += 2;
    report.reject("marks", "marks.csv", { line: 4, values: ["A1", "2026-11-23", "AM", "ZZ"] }, [
      { field: "code", message: "is not a code" },
    ]);
    const summary = report.summary();
    expect(summary.tables.marks).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(summary.totals).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(summary.files).toEqual([{ name: "marks.csv", rows: 3 }]);
    expect(publicProblem(report.problems[0] ?? expect.fail("no problem"))).toEqual({
      file: "marks.csv",
      line: 4,
      field: "Code",
      value: "ZZ",
      message: "is not a code",
      outcome: "rejected",
    });
  });

  it("error rows: one per line, in line order, problems joined, an old problem column replaced", () => {
    const header = ["child", "code", "problem"];
    const problem = (line: number, field: string, value: string, message: string) => ({
      file: "f",
      line,
      field,
      value,
      message,
      outcome: "rejected" as const,
      values: [`C${line}`, value, "old problem"],
    });
    const rows = errorRows(header, [
      problem(9, "code", "ZZ", "is not a code"),
      problem(3, "child", "", "is empty"),
      problem(9, "child", "C9", "matches no child"),
    ]);
    expect(rows).toEqual([
      ["C3", "", "line 3: child is empty"],
      ["C9", "ZZ", 'line 9: code "ZZ" is not a code; child "C9" matches no child'],
    ]);
  });
});
