/**
 * The attendance import on a temp SQLite file: DfE codes and single-symbol forms stored
 * as codes, children by local id or UPN, unknown codes and children reported by line, a
 * second run that changes nothing, exact created / updated / unchanged counts, and an
 * error report that, once fixed, imports as it is.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeUpn } from "../../core/children/upn.js";
import { errorReportPath, writeErrorReports } from "../../core/imports/error-report.js";
import { runImport } from "../../core/imports/run.js";
import { type ImportDb, openImportDb } from "../../core/imports/sql.js";
import { csvWriter } from "../support/csv-files.js";
import { createTestDb, type TestDb } from "../support/db.js";

let t: TestDb;
let sql: ImportDb;
const dir = mkdtempSync(join(tmpdir(), "vs-attendance-"));
const upn = (n: number) => makeUpn("999", "2001", "15", n);
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDb("imports-attendance");
  sql = await openImportDb(t.url);
  const child = (localId: string, u: string) =>
    t.db.child.create({
      data: {
        localId,
        upn: u,
        firstName: "Child",
        lastName: localId,
        dateOfBirth: "2015-05-01",
        placingAuthority: "999",
      },
    });
  for (const [localId, u] of [
    ["A1", upn(1)],
    ["A2", upn(2)],
    ["A3", upn(3)],
    ["A4", upn(3)], // shares A3's UPN: only the local id can say which child is meant
  ] as const) {
    ids[localId] = (await child(localId, u)).id;
  }
});
afterAll(async () => {
  sql.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});
// Each test starts from the four children alone: no marks, and no audit of an earlier import.
beforeEach(async () => {
  await t.db.attendanceMark.deleteMany();
  await t.db.auditEvent.deleteMany();
});

const write = csvWriter(dir);
const attendance = (file: { name: string; path: string }) =>
  runImport({ db: sql, kind: "attendance", files: { file }, laCode: "999" });
const marks = async () =>
  Object.fromEntries(
    (await t.db.attendanceMark.findMany({ orderBy: [{ childId: "asc" }, { date: "asc" }, { session: "asc" }] })).map(
      (m) => [`${m.childId}:${m.date}:${m.session}`, m.code],
    ),
  );

const FEED = [
  "child,date,session,code",
  "A1,2026-11-23,AM,/",
  "A1,23/11/2026,PM,\\",
  `${upn(2).toLowerCase()},2026-11-23,am,<`, // by UPN, in lower case: C1
  "A2,2026-11-23,PM,N",
  "A1,2026-11-24,AM,ZZ", // 6: not a code
  "NOPE,2026-11-24,AM,/", // 7: no such child
  `${upn(3)},2026-11-24,AM,/`, // 8: two children share this UPN
  "A1,2026-11-24,PM,?", // 9: J1, but line 10 says L for the same session
  "A1,2026-11-24,PM,L",
  "A3,2026-11-31,AM,/", // 11: no 31 November
];

describe("attendance", () => {
  it("stores codes and symbols as DfE codes and reports each bad row by line", async () => {
    const report = await attendance(write("marks.csv", FEED));
    expect(report.summary().tables.marks).toEqual({ created: 5, updated: 0, unchanged: 0, rejected: 5 });
    expect(await marks()).toEqual({
      [`${ids.A1}:2026-11-23:AM`]: "/",
      [`${ids.A1}:2026-11-23:PM`]: "\\",
      [`${ids.A1}:2026-11-24:PM`]: "L",
      [`${ids.A2}:2026-11-23:AM`]: "C1",
      [`${ids.A2}:2026-11-23:PM`]: "N",
    });
    expect(report.problems.map((p) => [p.line, p.field, p.value])).toEqual([
      [6, "code", "ZZ"],
      [7, "child", "NOPE"],
      [8, "child", upn(3)],
      [11, "date", "2026-11-31"],
      [9, "session", "PM"],
    ]);
    expect(report.problems[0]?.message).toMatch(/not a DfE attendance code/);
    expect(report.problems[2]?.message).toMatch(/more than one child/);
    expect(report.problems[4]?.message).toMatch(/again .* on line 10; that later line is used/);
  });

  it("a second run changes nothing", async () => {
    const first = await attendance(write("marks.csv", FEED));
    expect(first.summary().tables.marks).toMatchObject({ created: 5 });
    const before = await marks();
    const audits = await t.db.auditEvent.count();
    const report = await attendance(write("marks.csv", FEED));
    expect(report.summary().tables.marks).toEqual({ created: 0, updated: 0, unchanged: 5, rejected: 5 });
    expect(await marks()).toEqual(before);
    expect(await t.db.auditEvent.count()).toBe(audits);
  });

  it("counts a changed code as updated and a new session as created", async () => {
    await attendance(write("marks.csv", FEED));
    const report = await attendance(
      write("correction.csv", [
        "CHILD,DATE,SESSION,CODE",
        "A1,2026-11-23,AM,M",
        "A1,2026-11-23,PM,\\",
        "A4,2026-11-23,AM,$",
      ]),
    );
    expect(report.summary().tables.marks).toEqual({ created: 1, updated: 1, unchanged: 1, rejected: 0 });
    expect(await marks()).toMatchObject({ [`${ids.A1}:2026-11-23:AM`]: "M", [`${ids.A4}:2026-11-23:AM`]: "Y1" });
    const audited = await t.db.auditEvent.findMany({ where: { action: "import" }, orderBy: { id: "desc" }, take: 2 });
    expect(audited.map((a) => a.childId).sort()).toEqual([ids.A1, ids.A4].sort());
  });

  it("an error report, once fixed, imports as it is; a clean run removes the stale report", async () => {
    const feed = write("feed.csv", FEED);
    const { written } = await writeErrorReports(await attendance(feed), [feed]);
    expect(written).toEqual([errorReportPath(feed.path)]);
    const [header, ...rows] = readFileSync(errorReportPath(feed.path), "utf8").trim().split("\n");
    expect(header).toBe("child,date,session,code,problem");
    expect(rows).toHaveLength(5);
    // The officer corrects each row in place (the problem column can stay).
    const fixed = [header ?? "", ...rows]
      .join("\n")
      .replace("A1,2026-11-24,AM,ZZ", "A1,2026-11-24,AM,I")
      .replace("NOPE,", "A2,")
      .replace(`${upn(3)},`, "A3,")
      .replace("2026-11-31", "2026-11-30")
      .replace(/\nA1,2026-11-24,PM,\?[^\n]*/, "");
    writeFileSync(feed.path, `${fixed}\n`);
    const report = await attendance(feed);
    expect(report.summary().tables.marks).toEqual({ created: 4, updated: 0, unchanged: 0, rejected: 0 });
    expect(await writeErrorReports(report, [feed])).toEqual({ written: [], removed: [errorReportPath(feed.path)] });
    expect(existsSync(errorReportPath(feed.path))).toBe(false);
  });
});
