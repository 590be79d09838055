/**
 * "Transactional per batch (a failure leaves no half-written batch)" (README, Imports),
 * proved by making a write fail in the middle of a batch: a trigger in the test's own
 * temp SQLite file refuses one chosen row. It raises with FAIL, which keeps whatever the
 * failing statement and the earlier statements of the batch wrote, so only the batch's
 * transaction can take those rows back out. Then the trigger is dropped (the cause
 * removed) and the same files are imported again: everything arrives, once.
 *
 * Batch sizes (core/imports): attendance MARKS_PER_BATCH (50,000) marks a transaction in statements of 5,000;
 * SSDA903 500 children a transaction, each with its placements and reviews; the roll 1,000
 * enrolments a transaction, with their audit rows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { MARKS_PER_BATCH } from "../../core/imports/attendance-write.js";
import type { ImportFiles, ImportKind } from "../../core/imports/kinds.js";
import { runImport } from "../../core/imports/run.js";
import { type ImportDb, openImportDb } from "../../core/imports/sql.js";
import { addDays } from "../../core/platform/dates.js";
import type { Db } from "../../core/platform/db.js";
import { type Json, startTestApp } from "../support/app.js";
import { csvWriter } from "../support/csv-files.js";
import { createTestDb } from "../support/db.js";
import { addBareChildren, PEOPLE } from "../support/factories.js";

const dir = mkdtempSync(join(tmpdir(), "vs-imports-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = csvWriter(dir);

const REFUSAL = "test: this write is refused";

/** A database of the test's own and the importer's connection to it, closed when the test ends. */
async function freshDatabase(name: string) {
  const t = await createTestDb(name);
  const sql = await openImportDb(t.url);
  onTestFinished(async () => {
    await sql.close();
    await t.close();
  });
  const run = (kind: ImportKind, files: ImportFiles) => runImport({ db: sql, kind, files, laCode: "999" });
  return { db: t.db, sql, run };
}

/** Makes every insert into `table` matching `when` fail; returns how to remove the cause. */
async function refuseInserts(sql: ImportDb, table: string, when: string): Promise<() => Promise<void>> {
  if (sql.engine === "postgres") {
    await sql.run(
      `CREATE FUNCTION "refuse_${table}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${REFUSAL}'; END $$`,
    );
    await sql.run(
      `CREATE TRIGGER "refuse_${table}" BEFORE INSERT ON "${table}" FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION "refuse_${table}"()`,
    );
    return async () => {
      await sql.run(`DROP TRIGGER "refuse_${table}" ON "${table}"`);
      await sql.run(`DROP FUNCTION "refuse_${table}"()`);
    };
  }
  await sql.run(
    `CREATE TRIGGER "refuse_${table}" BEFORE INSERT ON "${table}" WHEN ${when}
     BEGIN SELECT RAISE(FAIL, '${REFUSAL}'); END`,
  );
  return async () => {
    await sql.run(`DROP TRIGGER "refuse_${table}"`);
  };
}

/** Consecutive calendar days from `from` (the importer does not consult the calendar). */
const days = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

const importAudits = (db: Db) =>
  db.auditEvent.findMany({ where: { action: "import" }, select: { childId: true }, orderBy: { childId: "asc" } });

describe("attendance", () => {
  it("a batch whose third statement fails writes none of its marks and changes none of the stored ones; the re-run writes each once", async () => {
    const { db, sql, run } = await freshDatabase("atomic-marks");
    const ids = await addBareChildren(db, 60);
    const dates = days("2026-09-01", 100);
    // 60 children × 100 days × 2 sessions = 12,000 marks, day by day: one batch (under
    // 50,000) written in three statements of up to 5,000.
    const lines = ["child,date,session,code"];
    for (const date of dates)
      for (const localId of ids.keys()) lines.push(`${localId},${date},AM,/`, `${localId},${date},PM,\\`);
    expect(lines).toHaveLength(1 + 12_000);
    const feed = write("marks.csv", lines);
    // Already stored for the first day: AM as N (the file corrects it to /) and PM as \ (the same).
    const first = dates[0]!;
    await db.attendanceMark.createMany({
      data: [...ids.values()].flatMap((childId) => [
        { childId, date: first, session: "AM", code: "N" },
        { childId, date: first, session: "PM", code: "\\" },
      ]),
    });
    const stored = await db.attendanceMark.findMany({ orderBy: [{ childId: "asc" }, { session: "asc" }] });
    expect(stored).toHaveLength(120);

    // The 60 unchanged PM marks are not written, so 11,940 marks go out: 5,000 + 5,000 + 1,940.
    // C030's PM mark on day 96 is write number 95 × 120 + 29 × 2 + 2 - 60 = 11,400: in the third statement.
    const cause = await refuseInserts(
      sql,
      "AttendanceMark",
      `NEW."childId" = ${ids.get("C030")} AND NEW."date" = '${dates[95]}' AND NEW."session" = 'PM'`,
    );
    await expect(run("attendance", { file: feed })).rejects.toThrow(REFUSAL);
    expect(await db.attendanceMark.findMany({ orderBy: [{ childId: "asc" }, { session: "asc" }] })).toEqual(stored);
    expect(await importAudits(db)).toEqual([]);

    await cause();
    const report = await run("attendance", { file: feed });
    // 12,000 in the file: 120 stored (60 corrected, 60 the same), 11,880 new.
    expect(report.summary().tables.marks).toEqual({ created: 11_880, updated: 60, unchanged: 60, rejected: 0 });
    expect(report.problemCount).toBe(0);
    expect(await db.attendanceMark.count()).toBe(12_000);
    const codes = await db.attendanceMark.groupBy({ by: ["session", "code"], _count: { _all: true } });
    expect(codes.map((c) => [c.session, c.code, c._count._all]).sort()).toEqual([
      ["AM", "/", 6_000],
      ["PM", "\\", 6_000],
    ]);
    // One audit row per child whose marks changed: all 60, once.
    expect((await importAudits(db)).map((a) => a.childId)).toEqual([...ids.values()].sort((a, b) => a - b));
  });

  it("when the last of the batches fails, those before stay whole and audited, the last is absent; the re-run adds only the last", async () => {
    const { db, sql, run } = await freshDatabase("atomic-batches");
    const ids = await addBareChildren(db, 120);
    const dates = days("2025-09-01", 250);
    // Child by child: 120 children × 250 days × 2 sessions = 60,000 marks, 500 a child, in
    // batches of MARKS_PER_BATCH (whole children each); the last batch holds C115.
    const perBatch = MARKS_PER_BATCH / 500;
    const lastStart = Math.floor(119 / perBatch) * perBatch;
    const lines = ["child,date,session,code"];
    for (const localId of ids.keys())
      for (const date of dates) lines.push(`${localId},${date},AM,/`, `${localId},${date},PM,I`);
    expect(lines).toHaveLength(1 + 60_000);
    const feed = write("year.csv", lines);
    // C115's PM mark on day 101: well inside the last batch, after some of its statements.
    const cause = await refuseInserts(
      sql,
      "AttendanceMark",
      `NEW."childId" = ${ids.get("C115")} AND NEW."date" = '${dates[100]}' AND NEW."session" = 'PM'`,
    );
    await expect(run("attendance", { file: feed })).rejects.toThrow(REFUSAL);

    const entries = [...ids.entries()];
    const before = entries.slice(0, lastStart).map(([, id]) => id);
    const last = entries.slice(lastStart).map(([, id]) => id);
    expect(lastStart).toBeGreaterThan(0);
    expect(lastStart).toBeLessThan(115);
    expect(await db.attendanceMark.count({ where: { childId: { in: before } } })).toBe(before.length * 500);
    expect(await db.attendanceMark.count({ where: { childId: { in: last } } })).toBe(0);
    // The earlier batches' children were changed, so audited, even though the import then failed.
    expect((await importAudits(db)).map((a) => a.childId)).toEqual(before);

    await cause();
    const report = await run("attendance", { file: feed });
    expect(report.summary().tables.marks).toEqual({
      created: last.length * 500,
      updated: 0,
      unchanged: before.length * 500,
      rejected: 0,
    });
    expect(await db.attendanceMark.count()).toBe(60_000);
    expect(await db.attendanceMark.count({ where: { code: "I" } })).toBe(30_000);
    // The second run audits only the children it changed: the last batch's, once each.
    expect((await importAudits(db)).map((a) => a.childId)).toEqual([...before, ...last].sort((a, b) => a - b));
  });
});

describe("SSDA903", () => {
  it("a failing review insert takes back its batch's children and placements too; earlier batches stay; the re-run completes it", async () => {
    const { db, sql, run } = await freshDatabase("atomic-ssda903");
    // 600 children: the first batch is S0001–S0500, the second S0501–S0600.
    const localIds = Array.from({ length: 600 }, (_, i) => `S${String(i + 1).padStart(4, "0")}`);
    // S0590 is already known, with the name the Virtual School entered and no UPN yet.
    const known = await db.child.create({
      data: {
        localId: "S0590",
        firstName: "Maya",
        lastName: "Patel",
        dateOfBirth: "2014-03-02",
        upn: "UN1",
        placingAuthority: "999",
      },
    });
    const files = {
      header: write("header.csv", [
        "CHILD,SEX,DOB,ETHNIC,UPN",
        // H801200001001: the DfE guidance's example UPN (test/unit/upn-published.test.ts).
        ...localIds.map((id) => `${id},F,02/03/2014,WBRI,${id === "S0590" ? "H801200001001" : "UN2"}`),
      ]),
      episodes: write("episodes.csv", [
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC",
        ...localIds.map((id) => `${id},01/09/2025,S,C2,N1,U1,PR1,,X1`),
      ]),
      // Every review on 15/01/2026 but S0550's, on the 16th: the one the trigger refuses.
      reviews: write("reviews.csv", [
        "CHILD,DOB,REVIEW,REVIEW_CODE",
        ...localIds.map((id) => `${id},02/03/2014,${id === "S0550" ? "16/01/2026" : "15/01/2026"},PN1`),
      ]),
    };
    const cause = await refuseInserts(sql, "CareReview", `NEW."date" = '2026-01-16'`);
    await expect(run("ssda903", files)).rejects.toThrow(REFUSAL);

    const children = await db.child.findMany({ select: { id: true, localId: true }, orderBy: { localId: "asc" } });
    // S0001–S0500, and S0590 as it was.
    expect(children).toHaveLength(501);
    expect(children.filter((c) => c.localId > "S0500").map((c) => c.localId)).toEqual(["S0590"]);
    expect(await db.child.findUniqueOrThrow({ where: { id: known.id } })).toMatchObject({
      firstName: "Maya",
      lastName: "Patel",
      upn: "UN1",
      lookedAfterSince: null,
    });
    const firstBatch = children.filter((c) => c.localId <= "S0500").map((c) => c.id);
    expect(await db.carePlacement.count()).toBe(500);
    expect(await db.carePlacement.count({ where: { childId: { in: firstBatch } } })).toBe(500);
    expect(await db.careReview.count()).toBe(500);
    expect((await importAudits(db)).map((a) => a.childId)).toEqual(firstBatch);

    await cause();
    const report = await run("ssda903", files);
    expect(report.summary().tables).toEqual({
      children: { created: 99, updated: 1, unchanged: 500, rejected: 0 },
      placements: { created: 100, updated: 0, unchanged: 500, rejected: 0 },
      reviews: { created: 100, updated: 0, unchanged: 500, rejected: 0 },
    });
    expect(await db.child.count()).toBe(600);
    expect(await db.carePlacement.count()).toBe(600);
    expect(await db.careReview.count()).toBe(600);
    expect(await db.careReview.count({ where: { date: "2026-01-16" } })).toBe(1);
    // The name entered by hand survives; the return's UPN and care dates arrive.
    expect(await db.child.findUniqueOrThrow({ where: { id: known.id } })).toMatchObject({
      firstName: "Maya",
      lastName: "Patel",
      upn: "H801200001001",
      upnIssue: null,
      lookedAfterSince: "2025-09-01",
    });
    // Each child audited once over both runs: 500 by the first, 100 by the second.
    const audited = (await importAudits(db)).map((a) => a.childId);
    expect(audited).toHaveLength(600);
    expect(new Set(audited).size).toBe(600);
  });
});

describe("the roll", () => {
  it("an enrolment is never written without its audit row: a refused audit insert takes the enrolments back", async () => {
    const { db, sql, run } = await freshDatabase("atomic-roll");
    const ids = await addBareChildren(db, 3);
    await db.school.create({
      data: { urn: "100001", name: "Oakfield Primary", phase: "primary", localAuthority: "999" },
    });
    const roll = write("roll.csv", [
      "child,urn,from,to,year_group",
      "C001,100001,01/09/2025,,5",
      "C002,100001,01/09/2025,,5",
      "C003,100001,01/09/2025,20/07/2026,6",
    ]);
    const cause = await refuseInserts(sql, "AuditEvent", `NEW."action" = 'import'`);
    await expect(run("roll", { file: roll })).rejects.toThrow(REFUSAL);
    expect(await db.enrolment.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);

    await cause();
    const report = await run("roll", { file: roll });
    expect(report.summary().tables.enrolments).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(await db.enrolment.count()).toBe(3);
    expect((await importAudits(db)).map((a) => a.childId)).toEqual([...ids.values()].sort((a, b) => a - b));
  });
});

describe("POST /api/imports/attendance", () => {
  it("answers a 500 problem that shows no internals and has written nothing; the upload again imports every mark", async () => {
    const t = await startTestApp({ today: "2026-11-23" });
    onTestFinished(() => t.close());
    const db = t.database.db;
    await db.professional.create({ data: { email: PEOPLE.vsh, name: "Head", role: "vsh" } });
    const ids = await addBareChildren(db, 3);
    // 3 children × 5 days × 2 sessions = 30 marks: one batch, one statement. The trigger
    // refuses the last one (C003, Friday PM); FAIL keeps the 29 before it unless the
    // transaction takes them back.
    const dates = days("2026-11-16", 5);
    const lines = ["child,date,session,code"];
    for (const date of dates)
      for (const localId of ids.keys()) lines.push(`${localId},${date},AM,/`, `${localId},${date},PM,\\`);
    expect(lines).toHaveLength(31);
    const cause = await refuseInserts(
      await openImportDbFor(t.database.url),
      "AttendanceMark",
      `NEW."childId" = ${ids.get("C003")} AND NEW."date" = '2026-11-20' AND NEW."session" = 'PM'`,
    );
    const upload = async () => {
      const form = new FormData();
      form.append("file", new Blob([`${lines.join("\n")}\n`], { type: "text/csv" }), "marks.csv");
      const res = await fetch(`${t.base}/api/imports/attendance`, {
        method: "POST",
        headers: { authorization: `Bearer ${await t.token(PEOPLE.vsh)}` },
        body: form,
      });
      return { status: res.status, type: res.headers.get("content-type") ?? "", body: (await res.json()) as Json };
    };

    const failed = await upload();
    expect(failed.status).toBe(500);
    expect(failed.type).toContain("application/problem+json");
    expect(failed.body).toMatchObject({
      status: 500,
      detail: "Something went wrong on our side. It has been logged; please try again.",
    });
    expect(JSON.stringify(failed.body)).not.toContain(REFUSAL);
    expect(await db.attendanceMark.count()).toBe(0);
    expect(await importAudits(db)).toEqual([]);

    await cause();
    const done = await upload();
    expect(done.status).toBe(200);
    expect(done.body.summary.tables).toEqual({ marks: { created: 30, updated: 0, unchanged: 0, rejected: 0 } });
    expect(done.body.problemCount).toBe(0);
    expect(await db.attendanceMark.count()).toBe(30);
    expect((await importAudits(db)).map((a) => a.childId)).toEqual([...ids.values()].sort((a, b) => a - b));
  });
});

/** A second connection to the app's database, for the trigger; closed when the test ends. */
async function openImportDbFor(url: string): Promise<ImportDb> {
  const sql = await openImportDb(url);
  onTestFinished(() => sql.close());
  return sql;
}
