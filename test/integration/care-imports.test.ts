/**
 * The start of care across SSDA903 returns, on a temp SQLite file: a return whose first
 * episode for a child continues a period (RNE other than S) stores the start as "on or
 * before" (careStartKnown false), a later return never moves a start already stored for
 * the same period later, and a new period (after the stored one ended) replaces it. The
 * reason the last period ended (REC) is kept with its end, and cleared when a new period begins.
 *
 * | child | return 1 | return 2 | return 3 |
 * |---|---|---|---|
 * | C1 | S 10 Jan 2020, open | P 1 May 2021, open (a later continuation) | P 1 May 2021, left 1 Mar 2022 (E41) |
 * | C2 | P 1 May 2020, open (began before the file) | L 1 Mar 2019, then P 1 May 2020 (an earlier continuation) | P 1 Jun 2022, open |
 * | C3 | S 5 Jan 2015, left 30 Jun 2016 (E11) | S 3 Feb 2020, open (back in care) | no episodes |
 * | C4 | S 5 Jan 2015, left 30 Jun 2016 (E11) | P 3 Feb 2020, open (back in care, start not in the file) | no episodes |
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../core/imports/report.js";
import { runImport } from "../../core/imports/run.js";
import { type ImportDb, openImportDb } from "../../core/imports/sql.js";
import { csvWriter } from "../support/csv-files.js";
import { createTestDb, type TestDb } from "../support/db.js";

let t: TestDb;
let sql: ImportDb;
const dir = mkdtempSync(join(tmpdir(), "vs-care-imports-"));
beforeAll(async () => {
  t = await createTestDb("care-imports");
  sql = await openImportDb(t.url);
});
afterAll(async () => {
  sql.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = csvWriter(dir);
const HEADER = [
  "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
  ...["C1", "C2", "C3", "C4"].map((c) => `${c},1,01/05/2012,WBRI,,,`),
];
const EP = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
const RETURNS: string[][] = [
  [
    "C1,10/01/2020,S,C2,N1,U1,PR1,,,,,,",
    "C2,01/05/2020,P,C2,N1,U1,PR1,,,,,,",
    "C3,05/01/2015,S,C2,N1,U1,PR1,30/06/2016,E11,,,,",
    "C4,05/01/2015,S,C2,N1,U1,PR1,30/06/2016,E11,,,,",
  ],
  [
    "C1,01/05/2021,P,C2,N1,U3,PR1,,,,,,",
    "C2,01/03/2019,L,C1,N1,U1,PR1,01/05/2020,X1,,,,",
    "C2,01/05/2020,P,C2,N1,U3,PR1,,,,,,",
    "C3,03/02/2020,S,C2,N1,U1,PR1,,,,,,",
    "C4,03/02/2020,P,C2,N1,U1,PR1,,,,,,",
  ],
  ["C1,01/05/2021,P,C2,N1,U3,PR1,01/03/2022,E41,,,,", "C2,01/06/2022,P,C2,N1,U1,PR1,,,,,,"],
];

const importReturn = (n: number): Promise<Report> =>
  runImport({
    db: sql,
    kind: "ssda903",
    files: {
      header: write(`header-${n}.csv`, HEADER),
      episodes: write(`episodes-${n}.csv`, [EP, ...(RETURNS[n] ?? [])]),
    },
    laCode: "999",
  });

const care = async () =>
  Object.fromEntries(
    (
      await t.db.child.findMany({
        select: {
          localId: true,
          lookedAfterSince: true,
          careStartKnown: true,
          ceasedLookedAfter: true,
          ceasedReason: true,
        },
        orderBy: { localId: "asc" },
      })
    ).map(({ localId, ...c }) => [localId, c]),
  );
const start = (
  lookedAfterSince: string,
  careStartKnown: boolean,
  ceasedLookedAfter: string | null = null,
  ceasedReason: string | null = null,
) => ({ lookedAfterSince, careStartKnown, ceasedLookedAfter, ceasedReason });

describe("the start of care across returns", () => {
  it("return 1: an S episode dates the period; a continuation gives an 'on or before' start", async () => {
    await importReturn(0);
    expect(await care()).toEqual({
      C1: start("2020-01-10", true),
      C2: start("2020-05-01", false),
      C3: start("2015-01-05", true, "2016-06-30", "E11"),
      C4: start("2015-01-05", true, "2016-06-30", "E11"),
    });
  });

  it("return 2: a later continuation keeps the known start; an earlier one moves the bound earlier; a new period replaces", async () => {
    const report = (await importReturn(1)).summary();
    expect(await care()).toEqual({
      C1: start("2020-01-10", true),
      C2: start("2019-03-01", false),
      C3: start("2020-02-03", true),
      C4: start("2020-02-03", false),
    });
    // C1 changed only in its placements, not in its own fields.
    expect(report.tables.children).toMatchObject({ updated: 3, unchanged: 1 });
    // C1, C2 and C4 begin mid-period in this return, and the summary says what that means.
    expect(report.facts).toMatchObject({ careStartBeforeReturn: 3 });
    expect(report.notes.join(" ")).toMatch(/3 children's current period of care began before this return/);
  });

  it("return 3: leaving care keeps the known start; a later continuation never moves a start later", async () => {
    await importReturn(2);
    expect(await care()).toEqual({
      C1: start("2020-01-10", true, "2022-03-01", "E41"),
      C2: start("2019-03-01", false),
      C3: start("2020-02-03", true),
      C4: start("2020-02-03", false),
    });
  });

  it("the same return again changes nothing", async () => {
    const again = (await importReturn(2)).summary();
    expect(again.tables.children).toEqual({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(await care()).toMatchObject({ C1: start("2020-01-10", true, "2022-03-01", "E41") });
  });
});
