/**
 * The importers on both engines, whatever TEST_DATABASE says: the same attendance files
 * give the same counts, the same stored marks and the same audit rows on SQLite (read what
 * is stored, upsert the differences) and on PostgreSQL (COPY into a staging table, one
 * merge counting from its RETURNING), including the mark `\` (COPY's escape character), a
 * session repeated in a file, and a resent file that changes nothing. Also the schools
 * import, whose booleans PostgreSQL returns as true/false (the driver reads them as 0/1).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../core/access/audit-chain.js";
import { numbered } from "../../core/imports/driver/postgres.js";
import { runImport } from "../../core/imports/run.js";
import { openImportDb } from "../../core/imports/sql.js";
import { csvWriter } from "../support/csv-files.js";
import { createTestDb } from "../support/db.js";
import { pgAvailable } from "../support/pg.js";

const hasPg = await pgAvailable();
if (!hasPg) console.log("PostgreSQL is not reachable at TEST_PG_URL: its half of the engine tests is skipped.");

const dir = mkdtempSync(join(tmpdir(), "vs-imports-engines-"));
const write = csvWriter(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = "child,date,session,code";
const FIRST = write("first.csv", [
  HEADER,
  "E1,2026-11-02,AM,/",
  "E1,2026-11-02,PM,\\",
  "E2,2026-11-02,AM,N",
  "E2,2026-11-02,PM,L",
  "E2,2026-11-02,PM,\\", // the same session again: this later line is used
  "E3,2026-11-03,AM,<", // the single-symbol form of C1
]);
const SECOND = write("second.csv", [
  HEADER,
  "E1,2026-11-02,AM,/", // unchanged
  "E1,2026-11-02,PM,N", // updated
  "E2,2026-11-02,AM,N", // unchanged
  "E2,2026-11-02,PM,\\", // unchanged
  "E3,2026-11-03,AM,C1", // unchanged (the same code)
  "E3,2026-11-03,PM,\\", // created
]);
const SCHOOLS = write("schools.csv", [
  "urn,laestab,name,phase,la,out_of_area",
  "100001,9992001,Oak Primary,primary,999,",
  "100002,8882001,Elm Academy,secondary,888,",
]);

describe.each([
  ["sqlite", true],
  ["postgres", hasPg],
] as const)("the importers on %s", (engine, available) => {
  it.skipIf(!available)("count, store and audit the same marks; a resent file changes nothing", async () => {
    const t = await createTestDb(`imports-${engine}`, { engine });
    const sql = await openImportDb(t.url);
    try {
      expect(sql.engine).toBe(engine);
      const ids: Record<string, number> = {};
      for (const localId of ["E1", "E2", "E3"]) {
        const data = { localId, firstName: "C", lastName: localId, dateOfBirth: "2015-05-01", placingAuthority: "999" };
        ids[localId] = (await t.db.child.create({ data })).id;
      }
      const attendance = async (file: { name: string; path: string }) =>
        (await runImport({ db: sql, kind: "attendance", files: { file }, laCode: "999" })).summary().tables.marks;

      expect(await attendance(FIRST)).toEqual({ created: 5, updated: 0, unchanged: 0, rejected: 1 });
      expect(await attendance(SECOND)).toEqual({ created: 1, updated: 1, unchanged: 4, rejected: 0 });
      expect(await attendance(SECOND)).toEqual({ created: 0, updated: 0, unchanged: 6, rejected: 0 });

      const marks = await t.db.attendanceMark.findMany({
        select: { childId: true, date: true, session: true, code: true },
        orderBy: [{ childId: "asc" }, { date: "asc" }, { session: "asc" }],
      });
      expect(marks).toEqual([
        { childId: ids.E1, date: "2026-11-02", session: "AM", code: "/" },
        { childId: ids.E1, date: "2026-11-02", session: "PM", code: "N" },
        { childId: ids.E2, date: "2026-11-02", session: "AM", code: "N" },
        { childId: ids.E2, date: "2026-11-02", session: "PM", code: "\\" },
        { childId: ids.E3, date: "2026-11-03", session: "AM", code: "C1" },
        { childId: ids.E3, date: "2026-11-03", session: "PM", code: "\\" },
      ]);
      // One row per child an import changed: three by the first, E1 and E3 by the second, none by the third.
      const audits = await t.db.auditEvent.findMany({ where: { action: "import" }, orderBy: { id: "asc" } });
      expect(audits.map((a) => a.childId)).toEqual([ids.E1, ids.E2, ids.E3, ids.E1, ids.E3]);
      expect(audits.every((a) => a.actorRole === "system" && a.channel === "job" && a.hash !== null)).toBe(true);
      expect((await verifyAuditChain(t.db)).broken).toBeNull();
    } finally {
      await sql.close();
      await t.close();
    }
  });

  it.skipIf(!available)("reads booleans as SQLite keeps them, so a resent schools file changes nothing", async () => {
    const t = await createTestDb(`schools-${engine}`, { engine });
    const sql = await openImportDb(t.url);
    try {
      const schools = async () =>
        (await runImport({ db: sql, kind: "schools", files: { file: SCHOOLS }, laCode: "999" })).summary().tables
          .schools;
      expect(await schools()).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
      expect(await schools()).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
      const stored = await t.db.school.findMany({ select: { urn: true, outOfArea: true }, orderBy: { urn: "asc" } });
      expect(stored).toEqual([
        { urn: "100001", outOfArea: false },
        { urn: "100002", outOfArea: true },
      ]);
    } finally {
      await sql.close();
      await t.close();
    }
  });
});

describe("PostgreSQL's placeholders", () => {
  it("numbers each ? outside quotes, and leaves those in literals and names alone", () => {
    expect(numbered(`SELECT "a?" FROM "T" WHERE "x" = ? AND "y" IN (?, ?) AND "z" <> '?'`)).toBe(
      `SELECT "a?" FROM "T" WHERE "x" = $1 AND "y" IN ($2, $3) AND "z" <> '?'`,
    );
  });
});

describe.skipIf(!hasPg)("the importers' PostgreSQL connection", () => {
  it("is opened again after the server ended it, and a write never continues on a replacement", async () => {
    const t = await createTestDb("imports-reconnect", { engine: "postgres" });
    const sql = await openImportDb(t.url);
    try {
      await t.db.child.create({
        data: { localId: "E1", firstName: "C", lastName: "E1", dateOfBirth: "2015-05-01", placingAuthority: "999" },
      });
      const attendance = async (file: { name: string; path: string }) =>
        (await runImport({ db: sql, kind: "attendance", files: { file }, laCode: "999" })).summary().tables.marks;
      const one = write("one.csv", [HEADER, "E1,2026-11-02,AM,/"]);
      expect(await attendance(one)).toMatchObject({ created: 1 });
      // As a server restart would: every session of the importer's ends.
      const ended = () =>
        t.db.$queryRawUnsafe(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'vs-import'`,
        );
      await ended();
      expect(await attendance(one)).toMatchObject({ unchanged: 1 });
      // Ended mid-write: the batch fails whole, and nothing runs on a fresh connection outside its transaction.
      await expect(
        sql.write(async () => {
          await sql.run(`UPDATE "AttendanceMark" SET "code" = 'N'`);
          await ended();
          await sql.run(`UPDATE "AttendanceMark" SET "code" = 'L'`);
        }),
      ).rejects.toThrow();
      expect((await t.db.attendanceMark.findMany()).map((m) => m.code)).toEqual(["/"]);
      expect(await attendance(one)).toMatchObject({ unchanged: 1 });
    } finally {
      await sql.close();
      await t.close();
    }
  });
});
