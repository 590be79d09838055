/**
 * `import exclusions`: census-like files from schools' systems (FIXD/PERM or words,
 * lengths in sessions or school days, DfE reason codes) into the real SQLite, through the
 * importer and through `POST /api/imports/exclusions`. Counts are worked out by hand from
 * the rows below; a second run of the same file changes nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runImport } from "../../core/imports/run.js";
import { type ImportDb, openImportDb } from "../../core/imports/sql.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { csvWriter } from "../support/csv-files.js";
import { uploadImport } from "../support/import-upload.js";

const TODAY = "2026-11-23";
let api: TestApp;
let sql: ImportDb;
const dir = mkdtempSync(join(tmpdir(), "vs-exclusions-"));
const write = csvWriter(dir);
const child: Record<string, number> = {};
const school: Record<string, number> = {};

beforeAll(async () => {
  api = await startTestApp({ today: TODAY });
  sql = await openImportDb(api.database.url);
  const db = api.database.db;
  await db.professional.createMany({
    data: [
      { email: "vsh@test.local", name: "Head", role: "vsh" },
      { email: "dt@test.local", name: "Teacher", role: "designated_teacher" },
    ],
  });
  for (const localId of ["X1", "X2", "X3"]) {
    const c = await db.child.create({
      data: {
        localId,
        upn: `${localId}UPN`,
        firstName: "Child",
        lastName: localId,
        dateOfBirth: "2013-02-01",
        placingAuthority: "999",
      },
    });
    child[localId] = c.id;
  }
  for (const [urn, name] of [
    ["100001", "Oakfield Primary"],
    ["100002", "Hillside Academy"],
  ] as const) {
    school[urn] = (await db.school.create({ data: { urn, name, phase: "secondary", localAuthority: "999" } })).id;
  }
  // X1 moved from Oakfield to Hillside at half-term; X2 has been at Hillside for years; X3 has no place.
  await db.enrolment.createMany({
    data: [
      {
        childId: child.X1 as number,
        schoolId: school["100001"] as number,
        fromDate: "2025-09-01",
        toDate: "2026-10-30",
      },
      { childId: child.X1 as number, schoolId: school["100002"] as number, fromDate: "2026-11-02" },
      { childId: child.X2 as number, schoolId: school["100002"] as number, fromDate: "2024-09-01" },
    ],
  });
});
afterAll(async () => {
  sql.close();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await api.database.db.exclusion.deleteMany();
  await api.database.db.auditEvent.deleteMany();
});

const run = (lines: string[]) =>
  runImport({ db: sql, kind: "exclusions", files: { file: write("exclusions.csv", lines) }, laCode: "999" });
const stored = async () =>
  (await api.database.db.exclusion.findMany({ orderBy: [{ childId: "asc" }, { startDate: "asc" }] })).map((x) => [
    Object.keys(child).find((k) => child[k] === x.childId),
    x.kind,
    x.startDate,
    x.days,
    x.sessions,
    Object.keys(school).find((k) => school[k] === x.schoolId) ?? null,
    x.reason,
  ]);

const CENSUS = [
  "UPN,URN,Category,StartDate,Sessions,Reason",
  "X1UPN,100001,FIXD,2026-10-05,4,PP",
  "X2UPN,,PERM,12/11/2026,0,DB",
  "X1UPN,,FIXD,16/11/2026,3,VP",
  "X3UPN,,FIXD,2026-11-18,1,OT",
  "X9UPN,,FIXD,2026-11-18,2,PP",
  "X2UPN,,FIXD,2026-11-31,2,PP",
  "X2UPN,,FIXD,2026-11-19,,PP",
  "X2UPN,,EXPELLED,2026-11-20,2,PP",
  "X2UPN,123456,FIXD,2026-11-20,2,PP",
  "X1UPN,,Suspension,05/10/2026,4,PP",
  "X2UPN,,FIXD,2026-11-23,95,PP",
];

describe("import exclusions", () => {
  it("imports the good rows, reports each bad one by line and column, and a second run changes nothing", async () => {
    const first = await run(CENSUS);
    expect(first.summary().tables.exclusions).toEqual({ created: 4, updated: 0, unchanged: 0, rejected: 7 });
    expect(first.problems.map((p) => [p.line, p.field, p.value, p.message])).toEqual([
      [6, "UPN", "X9UPN", "matches no child's local id or UPN"],
      [7, "StartDate", "2026-11-31", "is not a real date"],
      [8, "Sessions", "", "is empty or 0: a suspension needs its length in school days or in sessions"],
      [9, "Category", "EXPELLED", "should be FIXD or suspension, PERM or permanent exclusion (or LNCH)"],
      [10, "URN", "123456", "matches no school: import the schools first"],
      [11, "StartDate", "05/10/2026", "repeats line 2 (the same child, category and start date): the first is kept"],
      [12, "Sessions", "95", "should be a whole number of sessions (up to 90)"],
    ]);
    // School by URN when given, else the school the child was on the roll of that day.
    expect(await stored()).toEqual([
      ["X1", "suspension", "2026-10-05", 2, 4, "100001", "PP"],
      ["X1", "suspension", "2026-11-16", 1.5, 3, "100002", "VP"],
      ["X2", "permanent", "2026-11-12", 0, null, "100002", "DB"],
      ["X3", "suspension", "2026-11-18", 0.5, 1, null, "OT"],
    ]);
    expect(await api.database.db.auditEvent.count({ where: { action: "import" } })).toBe(3);

    const before = await api.database.db.exclusion.findMany({ orderBy: { id: "asc" } });
    const again = await run(CENSUS);
    expect(again.summary().tables.exclusions).toEqual({ created: 0, updated: 0, unchanged: 4, rejected: 7 });
    expect(await api.database.db.exclusion.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await api.database.db.auditEvent.count({ where: { action: "import" } })).toBe(3);
  });

  it("a changed length updates the same exclusion (its id, and so its alert, stays); a blank reason keeps the recorded one", async () => {
    await run(CENSUS);
    const before = await api.database.db.exclusion.findFirstOrThrow({ where: { startDate: "2026-11-16" } });
    const longer = CENSUS.map((l) => (l === "X1UPN,,FIXD,16/11/2026,3,VP" ? "X1UPN,,FIXD,16/11/2026,6," : l));
    const next = await run(longer);
    expect(next.summary().tables.exclusions).toEqual({ created: 0, updated: 1, unchanged: 3, rejected: 7 });
    const after = await api.database.db.exclusion.findFirstOrThrow({ where: { startDate: "2026-11-16" } });
    expect(after).toMatchObject({ id: before.id, days: 3, sessions: 6, reason: "VP", schoolId: school["100002"] });
  });

  it("reads school days (half days allowed), vendor words and other headers through the API upload, for the VSH only", async () => {
    const MIS = [
      "Child ID,School URN,Exclusion Type,Start Date,School Days,Sessions,Reason Code",
      "X1,100002,Suspension,20/11/2026,2.5,,PA",
      "X2,,Permanent exclusion,2026-11-04,,,",
      "X3,100001,LNCH,2026-11-10,,,DB",
      "X1,,Fixed term,2026-11-09,1.25,,PP",
      "X2,,suspension,2026-11-02,2,3,PP",
    ];
    const first = await uploadImport(api, "exclusions", "vsh@test.local", MIS, "mis.csv");
    expect(first.status).toBe(200);
    expect(first.body.summary.tables.exclusions).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 2 });
    expect(
      first.body.problems.map((p: { line: number; field: string; message: string }) => [p.line, p.field, p.message]),
    ).toEqual([
      [5, "School Days", "should be a number of school days, whole or half (up to 45)"],
      [6, "Sessions", "are 1.5 school days, but the days column says 2"],
    ]);
    expect(await stored()).toEqual([
      ["X1", "suspension", "2026-11-20", 2.5, null, "100002", "PA"],
      ["X2", "permanent", "2026-11-04", 0, null, "100002", null],
      ["X3", "suspension", "2026-11-10", 0.5, 1, "100001", "DB"],
    ]);
    const audit = await api.database.db.auditEvent.findFirstOrThrow({ where: { childId: child.X1, action: "import" } });
    expect(audit).toMatchObject({ actorRole: "vsh", channel: "api" });
    const vsh = await api.database.db.professional.findUniqueOrThrow({ where: { email: "vsh@test.local" } });
    expect(await api.database.db.exclusion.count({ where: { recordedById: vsh.id } })).toBe(3);

    const again = await uploadImport(api, "exclusions", "vsh@test.local", MIS, "mis.csv");
    expect(again.body.summary.tables.exclusions).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 2 });

    const dt = await uploadImport(api, "exclusions", "dt@test.local", MIS);
    expect(dt.status).toBe(403);
    expect(await api.database.db.exclusion.count()).toBe(3);
  });

  it("a file without a start date column is refused whole, before anything is written", async () => {
    const res = await uploadImport(api, "exclusions", "vsh@test.local", ["UPN,Category,Sessions", "X1UPN,FIXD,2"]);
    expect(res.status).toBe(400);
    expect(res.type).toContain("application/problem+json");
    expect(res.body.detail).toMatch(/no column for "start date" or "exclusion start date"/);
    expect(await api.database.db.exclusion.count()).toBe(0);
  });
});
