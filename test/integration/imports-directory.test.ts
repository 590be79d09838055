/**
 * Schools, the roll and the calendar on a temp SQLite file (happy path, bad rows, a second
 * run that changes nothing, an update), input nothing can be imported from, and the CLI as
 * a data officer runs it (summary, error report beside the input, exit codes).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ImportKind } from "../../core/imports/kinds.js";
import { runImport } from "../../core/imports/run.js";
import { type ImportDb, openImportDb } from "../../core/imports/sql.js";
import { csvWriter } from "../support/csv-files.js";
import { createTestDb, type TestDb } from "../support/db.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
let t: TestDb;
let sql: ImportDb;
const dir = mkdtempSync(join(tmpdir(), "vs-directory-"));

beforeAll(async () => {
  t = await createTestDb("imports-directory");
  sql = await openImportDb(t.url);
  for (const localId of ["R1", "R2"]) {
    await t.db.child.create({
      data: { localId, firstName: "Child", lastName: localId, dateOfBirth: "2015-05-01", placingAuthority: "999" },
    });
  }
});
afterAll(async () => {
  sql.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});
// Each test imports into a record with the two children only: no school, enrolment, term or audit.
beforeEach(async () => {
  await t.db.enrolment.deleteMany();
  await t.db.school.deleteMany();
  await t.db.schoolCalendar.deleteMany();
  await t.db.auditEvent.deleteMany();
});

const write = csvWriter(dir);
const run = async (kind: ImportKind, name: string, lines: string[]) => {
  const report = await runImport({ db: sql, kind, files: { file: write(name, lines) }, laCode: "999" });
  return {
    report,
    tally: Object.values(report.summary().tables)[0],
    lines: report.problems.map((p) => [p.line, p.field]),
  };
};

const SCHOOLS = [
  "urn,laestab,name,phase,la,out_of_area",
  "100001,999/2001,Oakfield Primary,Primary,999,",
  "100002,8882002,Hillside Academy,secondary,888,",
  "100003,,Riverside School,All-through,999,yes",
  "12345,,Bad URN School,primary,999,",
  "100004,,Nowhere College,university,999,",
  "100001,,Oakfield Again,primary,999,",
];

describe("schools, roll and calendar", () => {
  it("schools: upserted by URN; out of area worked out from the LA code when blank", async () => {
    const first = await run("schools", "schools.csv", SCHOOLS);
    expect(first.tally).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 3 });
    expect(first.lines).toEqual([
      [5, "urn"],
      [6, "phase"],
      [7, "urn"],
    ]);
    const schools = await t.db.school.findMany({ orderBy: { urn: "asc" } });
    expect(schools.map((s) => [s.urn, s.laestab, s.phase, s.localAuthority, s.outOfArea])).toEqual([
      ["100001", "9992001", "primary", "999", false],
      ["100002", "8882002", "secondary", "888", true],
      ["100003", null, "all_through", "999", true],
    ]);
    expect((await run("schools", "schools.csv", SCHOOLS)).tally).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      rejected: 3,
    });
    const renamed = SCHOOLS.map((l) => l.replace("Oakfield Primary", "Oakfield Primary Academy"));
    expect((await run("schools", "schools.csv", renamed)).tally).toMatchObject({ updated: 1, unchanged: 2 });
  });

  it("roll: enrolments by child, school and start; unknown children and schools reported", async () => {
    const ROLL = [
      "child,urn,from,to,year_group",
      "R1,100001,01/09/2025,,5",
      "R2,100002,2025-09-01,2026-07-20,r",
      "R1,100002,01/09/2024,31/07/2025,4",
      "R9,100001,01/09/2025,,5",
      "R2,999999,01/09/2025,,5",
      "R2,100001,01/09/2025,01/08/2025,5",
      "R2,100001,01/09/2026,,15",
    ];
    // The roll names two schools the Virtual School knows, and one it does not (999999).
    await t.db.school.createMany({
      data: [
        { urn: "100001", name: "Oakfield Primary", phase: "primary", localAuthority: "999" },
        { urn: "100002", name: "Hillside Academy", phase: "secondary", localAuthority: "888", outOfArea: true },
      ],
    });
    const first = await run("roll", "roll.csv", ROLL);
    expect(first.tally).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 4 });
    expect(first.lines).toEqual([
      [5, "child"],
      [6, "urn"],
      [7, "to"],
      [8, "year_group"],
    ]);
    expect((await run("roll", "roll.csv", ROLL)).tally).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const left = ROLL.map((l) => (l === "R1,100001,01/09/2025,,5" ? "R1,100001,01/09/2025,20/11/2026,5" : l));
    expect((await run("roll", "roll.csv", left)).tally).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const r1 = await t.db.child.findUniqueOrThrow({ where: { localId: "R1" }, include: { enrolments: true } });
    expect(r1.enrolments.map((e) => [e.fromDate, e.toDate, e.yearGroup]).sort()).toEqual([
      ["2024-09-01", "2025-07-31", "4"],
      ["2025-09-01", "2026-11-20", "5"],
    ]);
  });

  it("calendar: terms and closures checked with the calendar's own schema", async () => {
    const CALENDAR = [
      "la,kind,name,start,end",
      "999,term,2026-autumn,02/09/2026,18/12/2026",
      "999,closure,October half-term,26/10/2026,30/10/2026",
      "999,Term,2026-spring,2027-01-04,2027-03-26",
      "99,term,Bad LA,02/09/2026,18/12/2026",
      "999,holiday,Christmas,19/12/2026,03/01/2027",
      "999,term,Backwards,10/04/2027,01/04/2027",
    ];
    const first = await run("calendar", "calendar.csv", CALENDAR);
    expect(first.tally).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 3 });
    expect(first.lines).toEqual([
      [5, "la"],
      [6, "kind"],
      [7, "end"],
    ]);
    expect(first.report.problems[2]?.message).toBe("a period must not end before it starts");
    expect((await run("calendar", "calendar.csv", CALENDAR)).tally).toMatchObject({ created: 0, unchanged: 3 });
    expect(await t.db.schoolCalendar.count({ where: { laCode: "999" } })).toBe(3);
  });

  it("input nothing can be imported from stops before writing anything", async () => {
    const before = await t.db.school.count();
    await expect(run("schools", "no-phase.csv", ["urn,name,la", "100009,New School,999"])).rejects.toThrow(
      /no-phase.csv: missing column phase \(the header row has: urn, name, la\)/,
    );
    await expect(
      runImport({
        db: sql,
        kind: "schools",
        files: { file: { name: "gone.csv", path: join(dir, "gone.csv") } },
        laCode: "999",
      }),
    ).rejects.toThrow(/gone.csv: no such file/);
    await expect(runImport({ db: sql, kind: "ssda903", files: {}, laCode: "999" })).rejects.toThrow(
      /needs the header and episodes file/,
    );
    expect(await t.db.school.count()).toBe(before);
  });
});

describe("npm run import (the CLI)", () => {
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: `file:${join(dir, "cli.db")}`, AUTHORITY_LA_CODE: "999" },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it("prints the summary, writes the error report beside the input and exits 0", async () => {
    const input = write("cli-schools.csv", SCHOOLS);
    const { code, stdout } = await cli("schools", input.path);
    expect(code).toBe(0);
    expect(stdout).toMatch(/schools: 3 created, 0 updated, 0 unchanged, 3 rejected/);
    expect(stdout).toContain(`${input.path}.errors.csv`);
    expect(readFileSync(`${input.path}.errors.csv`, "utf8").split("\n")[0]).toBe(
      "urn,laestab,name,phase,la,out_of_area,problem",
    );
  });

  it("exits 1 for unusable input and 2 for a wrong command", async () => {
    const unusable = await cli("schools", write("cli-bad.csv", ["urn,name", "100001,A School"]).path);
    expect(unusable.code).toBe(1);
    expect(unusable.stderr).toMatch(/missing columns phase, la/);
    expect(existsSync(join(dir, "cli-bad.csv.errors.csv"))).toBe(false);
    expect((await cli("register", "x.csv")).code).toBe(2);
  });
});
