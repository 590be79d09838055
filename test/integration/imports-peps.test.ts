/**
 * `import peps`: ePEP exports (Welfare Call and Egress-style headers, vendor words for
 * terms, statuses and ratings, £ amounts, dd/mm/yyyy dates) into the real SQLite, through
 * the importer and through `POST /api/imports/peps`. Counts are worked out by hand from
 * the rows below; a second run of the same file changes nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { errorRows } from "../../core/imports/error-report.js";
import { UnusableInputError } from "../../core/imports/kinds.js";
import { runImport } from "../../core/imports/run.js";
import { type ImportDb, openImportDb } from "../../core/imports/sql.js";
import { defaultPolicy } from "../../core/policy.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { csvWriter } from "../support/csv-files.js";
import { uploadImport } from "../support/import-upload.js";

const TODAY = "2026-11-23";
let api: TestApp;
let sql: ImportDb;
const dir = mkdtempSync(join(tmpdir(), "vs-peps-"));
const write = csvWriter(dir);
const ids: Record<string, number> = {};

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
  const children = [
    { localId: "P1", upn: "A801200000001", lookedAfterSince: "2025-01-10" },
    { localId: "P2", upn: "K100200300400", lookedAfterSince: "2025-05-01" },
    // Looked after since Monday 2 November 2026: the initial PEP is due 10 working days later.
    { localId: "P3", upn: null, lookedAfterSince: "2026-11-02" },
  ];
  for (const c of children) {
    const child = await db.child.create({
      data: { ...c, firstName: "Child", lastName: c.localId, dateOfBirth: "2014-04-01", placingAuthority: "999" },
    });
    ids[c.localId] = child.id;
  }
  // The autumn term's last day is an INSET day, so its last school day is Thursday 17 December.
  await db.schoolCalendar.createMany({
    data: [
      { laCode: "999", kind: "term", name: "2026-autumn", startDate: "2026-09-02", endDate: "2026-12-18" },
      { laCode: "999", kind: "closure", name: "October half-term", startDate: "2026-10-26", endDate: "2026-10-30" },
      { laCode: "999", kind: "closure", name: "INSET day", startDate: "2026-12-18", endDate: "2026-12-18" },
      { laCode: "999", kind: "term", name: "2026-spring", startDate: "2027-01-04", endDate: "2027-03-26" },
      // Another authority names its terms the vendors' way.
      { laCode: "888", kind: "term", name: "Autumn 2026", startDate: "2026-09-03", endDate: "2026-12-18" },
    ],
  });
});
afterAll(async () => {
  sql.close();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await api.database.db.pep.deleteMany();
  await api.database.db.auditEvent.deleteMany();
});

const run = (lines: string[], laCode = "999") =>
  runImport({ db: sql, kind: "peps", files: { file: write("peps.csv", lines) }, laCode });
const pepsOf = (localId: string) =>
  api.database.db.pep.findMany({ where: { childId: ids[localId] }, orderBy: { term: "asc" } });
const facts = (p: { term: string; dueDate: string; meetingDate: string | null; status: string }) => [
  p.term,
  p.dueDate,
  p.meetingDate,
  p.status,
];

const WELFARE_CALL = [
  "Child ID,UPN,Term,Meeting Date,Status,RAG Rating,Targets,PP+ Amount",
  'P1,,Autumn 2026,12/10/2026,Quality Assured,Green,"Read every day; Times tables to 12","£1,250.00"',
  ",K100200300400,2026-spring,2027-01-20,Booked,,,",
  "P3,,initial,,Not started,,,",
  "P9,,Autumn 2026,12/10/2026,Held,,,",
  "P2,,Autumn 2026,31/09/2026,Held,,,",
  "P2,,Summer 2027,,Awaiting sign-off,,,",
  "P1,,2026-autumn,13/10/2026,Held,,,",
  "P1,,Spring 2027,2027-01-11,Held,Purple,,12.345",
  "P1,K100200300400,Spring 2027,2027-01-11,Held,,,",
];

describe("import peps", () => {
  it("imports the good rows, reports each bad one by line and column, and a second run changes nothing", async () => {
    const first = await run(WELFARE_CALL);
    expect(first.summary().tables.peps).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 6 });
    expect(first.problems.map((p) => [p.line, p.field, p.value, p.message])).toEqual([
      [5, "Child ID", "P9", "matches no child's local id or UPN"],
      [6, "Meeting Date", "31/09/2026", "is not a real date"],
      [
        7,
        "Status",
        "Awaiting sign-off",
        "should be not started, booked, draft, held, submitted, returned, complete or quality assured",
      ],
      [8, "Term", "2026-autumn", "repeats line 2 (the same child and term): the first is kept"],
      [9, "RAG Rating", "Purple", "should be red, amber or green (or R, A, G)"],
      [9, "PP+ Amount", "12.345", "should be an amount in pounds, e.g. £1,250.00"],
      [10, "UPN", "K100200300400", "is another child's UPN: the row names two children"],
    ]);
    const [p1] = await pepsOf("P1");
    expect(p1).toMatchObject({
      term: "2026-autumn",
      dueDate: "2026-12-17",
      meetingDate: "2026-10-12",
      status: "quality_assured",
      rag: "green",
      targets: "Read every day\nTimes tables to 12",
      ppPlusPence: 125_000,
    });
    expect((await pepsOf("P2")).map(facts)).toEqual([["2026-spring", "2027-03-26", "2027-01-20", "booked"]]);
    expect((await pepsOf("P3")).map(facts)).toEqual([["initial", "2026-11-16", null, "not_started"]]);
    expect(await api.database.db.auditEvent.count({ where: { action: "import" } })).toBe(3);

    // The error report: the row as the file wrote it, and what is wrong with it.
    const report = errorRows(first.header("peps.csv"), first.problems);
    expect(report[0]).toEqual([
      "P9",
      "",
      "Autumn 2026",
      "12/10/2026",
      "Held",
      "",
      "",
      "",
      `line 5: Child ID "P9" matches no child's local id or UPN`,
    ]);

    const stored = await api.database.db.pep.findMany({ orderBy: { id: "asc" } });
    const again = await run(WELFARE_CALL);
    expect(again.summary().tables.peps).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 6 });
    expect(await api.database.db.pep.findMany({ orderBy: { id: "asc" } })).toEqual(stored);
    expect(await api.database.db.auditEvent.count({ where: { action: "import" } })).toBe(3);
  });

  it("a changed status or meeting date updates the PEP for that child and term", async () => {
    await run(WELFARE_CALL);
    const held = WELFARE_CALL.map((l) =>
      l === ",K100200300400,2026-spring,2027-01-20,Booked,,," ? ",K100200300400,Spring 2027,21/01/2027,Held,,," : l,
    );
    const next = await run(held);
    expect(next.summary().tables.peps).toEqual({ created: 0, updated: 1, unchanged: 2, rejected: 6 });
    expect((await pepsOf("P2")).map(facts)).toEqual([["2026-spring", "2027-03-26", "2027-01-21", "held"]]);
    expect(await api.database.db.pep.count()).toBe(3);
  });

  it("reads Egress-style headers and vendor words through the API upload, for the VSH only", async () => {
    const EGRESS = [
      "LA_CHILD_ID,Pupil UPN,PEP Term,PEP Meeting Date,PEP Status,Quality Rating,SMART Targets,Pupil Premium Plus (£)",
      'P1,,Autumn 2026/27,2026-10-05,Returned for changes,A,"Attend 96% this term',
      'Join one club",300',
      ",K100200300400,Spring Term 2027,,not_started,,,",
      'P3,,Initial PEP,12/11/2026,Submitted,,"- Settle into the new class',
      '- Phonics every day",£0',
      "P9,,Autumn 2026,,Done,,,",
    ];
    const first = await uploadImport(api, "peps", "vsh@test.local", EGRESS, "egress.csv");
    expect(first.status).toBe(200);
    expect(first.body.summary.tables.peps).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 1 });
    // Quoted line breaks move the line numbers: the bad row starts on line 7.
    expect(first.body.problems).toEqual([
      {
        file: "egress.csv",
        line: 7,
        field: "LA_CHILD_ID",
        value: "P9",
        message: "matches no child's local id or UPN",
        outcome: "rejected",
      },
      {
        file: "egress.csv",
        line: 7,
        field: "PEP Status",
        value: "Done",
        message: "should be not started, booked, draft, held, submitted, returned, complete or quality assured",
        outcome: "rejected",
      },
    ]);
    const [p1] = await pepsOf("P1");
    expect(p1).toMatchObject({
      term: "2026-autumn",
      meetingDate: "2026-10-05",
      status: "returned",
      rag: "amber",
      targets: "Attend 96% this term\nJoin one club",
      ppPlusPence: 30_000,
    });
    expect((await pepsOf("P2")).map(facts)).toEqual([["2026-spring", "2027-03-26", null, "not_started"]]);
    const [p3] = await pepsOf("P3");
    expect(p3).toMatchObject({ term: "initial", meetingDate: "2026-11-12", status: "submitted", ppPlusPence: 0 });
    expect(p3?.targets).toBe("Settle into the new class\nPhonics every day");
    const audit = await api.database.db.auditEvent.findFirstOrThrow({ where: { childId: ids.P1, action: "import" } });
    expect(audit).toMatchObject({ actorRole: "vsh", channel: "api" });

    const again = await uploadImport(api, "peps", "vsh@test.local", EGRESS, "egress.csv");
    expect(again.body.summary.tables.peps).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 1 });

    const dt = await uploadImport(api, "peps", "dt@test.local", EGRESS);
    expect(dt.status).toBe(403);
    expect(dt.type).toContain("application/problem+json");
  });

  it("a blank cell or a column the export lacks leaves what the Virtual School recorded", async () => {
    await api.database.db.pep.create({
      data: {
        childId: ids.P1 as number,
        term: "2026-autumn",
        dueDate: "2026-12-17",
        meetingDate: "2026-10-12",
        status: "quality_assured",
        rag: "amber",
        targets: "Read every day",
        ppPlusPence: 50_000,
      },
    });
    const same = await run(["CHILD,TERM,STATUS,MEETING DATE,RAG", "P1,Autumn 2026,QA complete,12/10/2026,"]);
    expect(same.summary().tables.peps).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
    const moved = await run(["child,term,status,meeting date", "P1,Autumn 2026,quality assured,13/10/2026"]);
    expect(moved.summary().tables.peps).toMatchObject({ updated: 1 });
    const [p1] = await pepsOf("P1");
    expect(p1).toMatchObject({
      meetingDate: "2026-10-13",
      rag: "amber",
      targets: "Read every day",
      ppPlusPence: 50_000,
    });
  });

  it("names a term as the calendar does, and needs a date for a term the calendar lacks", async () => {
    const other = await run(["child id,term,status,meeting date", "P1,2026-autumn,held,05/10/2026"], "888");
    expect(other.summary().tables.peps).toMatchObject({ created: 1 });
    expect((await pepsOf("P1")).map(facts)).toEqual([["Autumn 2026", "2026-12-18", "2026-10-05", "held"]]);

    const summer = await run([
      "child id,term,status,meeting date",
      "P2,Summer 2027,not started,",
      "P3,Summer 2027,booked,2027-05-10",
    ]);
    expect(summer.summary().tables.peps).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(summer.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [
        2,
        "term",
        "is not a term in the school calendar, and the row has no meeting or due date to date the PEP by: import the calendar, or add a due date",
      ],
    ]);
    expect((await pepsOf("P3")).map(facts)).toEqual([["2026-summer", "2027-05-10", "2027-05-10", "booked"]]);
  });

  it("an initial PEP without a date is due by the authority's policy (20 working days here)", async () => {
    const lines = ["Child ID,Term,Status", "P3,initial,Not started"];
    await runImport({
      db: sql,
      kind: "peps",
      files: { file: write("peps.csv", lines) },
      laCode: "999",
      policy: { ...defaultPolicy, pepInitialWorkingDays: 20 },
    });
    // From Mon 2 Nov 2026, 20 working days: Mon 30 Nov (the national 10 gives 16 Nov).
    expect((await pepsOf("P3")).map(facts)).toEqual([["initial", "2026-11-30", null, "not_started"]]);
  });

  it("a file without a status column is refused whole, naming the column names it accepts", async () => {
    await expect(run(["Child ID,Term,Meeting Date", "P1,Autumn 2026,12/10/2026"])).rejects.toThrow(UnusableInputError);
    await expect(run(["Term,Status", "Autumn 2026,held"])).rejects.toThrow(/no column for "child id" or .*"upn"/);
    const res = await uploadImport(api, "peps", "vsh@test.local", ["Child ID,Term", "P1,Autumn 2026"]);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/no column for "status" or "pep status"/);
    expect(await api.database.db.pep.count()).toBe(0);
  });
});
