/**
 * An SSDA903 return with broken rows, written here as temp CSVs: a date that does not
 * parse, an episode ending before it starts, a child with two open episodes, unknown
 * CHILDs in episodes and reviews. The good rows are imported, each bad one is reported by
 * file and line, and the error report beside each input holds the row and the problem.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeUpn } from "../../core/children/upn.js";
import { errorReportPath, writeErrorReports } from "../../core/imports/error-report.js";
import type { ImportFiles } from "../../core/imports/kinds.js";
import { runImport } from "../../core/imports/run.js";
import { type ImportDb, openImportDb } from "../../core/imports/sql.js";
import { createTestDb, type TestDb } from "../support/db.js";

let t: TestDb;
let sql: ImportDb;
beforeAll(async () => {
  t = await createTestDb("imports-broken");
  sql = await openImportDb(t.url);
});
afterAll(async () => {
  sql.close();
  await t.close();
});
// Each test imports into an empty record: no child (so no placement or review) and no audit.
beforeEach(async () => {
  await t.db.child.deleteMany();
  await t.db.auditEvent.deleteMany();
});

const ssda903 = (files: ImportFiles) => runImport({ db: sql, kind: "ssda903", files, laCode: "999" });

describe("a return with broken rows", () => {
  const dir = mkdtempSync(join(tmpdir(), "vs-ssda903-broken-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, lines: string[]) => {
    writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
    return { name, path: join(dir, name) };
  };
  const valid = makeUpn("999", "2001", "12", 8);
  const badUpn = `${valid.startsWith("A") ? "B" : "A"}${valid.slice(1)}`;
  const EP = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
  const files = () => ({
    header: write("b-header.csv", [
      "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
      `B1001,1,27/03/2012,WBRI,${makeUpn("999", "2001", "12", 7)},,`,
      "B1002,2,29/02/2017,WBRI,,,", // 3: no 29 February in 2017
      `B1003,F,01/01/2010,WBRI,${badUpn},,`, // 4: fails the check letter, kept
      "B1004,9,01/01/2011,WBRI,UN2,,", // 5: SEX 9, kept as not known
    ]),
    episodes: write("b-episodes.csv", [
      EP,
      "B1001,01/01/2020,S,C2,N1,U1,PR1,01/06/2020,X1,,,,123456",
      "B1001,01/06/2020,P,V2,N1,U3,PR1,,X1,,,,",
      "B1003,01/03/2021,S,V2,N1,U1,PR1,01/02/2021,E11,,,,", // 4: ends before it starts
      "B1004,01/01/2019,S,C2,N1,U1,PR1,,X1,,,,", // 5: open, and so is line 6
      "B1004,01/01/2022,S,C2,N1,K2,PR1,,X1,,,,",
      "B1003,31/02/2021,S,C2,N1,U1,PR1,,X1,,,,", // 7: no 31 February
      "B9999,01/01/2020,S,C2,N1,U1,PR1,,X1,,,,", // 8: not in the header
      "B1002,01/01/2020,S,C2,N1,U1,PR1,,X1,,,,", // 9: header row refused
    ]),
    reviews: write("b-reviews.csv", [
      "CHILD,DOB,REVIEW,REVIEW_CODE",
      "B1001,27/03/2012,15/01/2020,PN1",
      "B8888,01/01/2010,15/01/2020,PN1", // 3: unknown CHILD
      "B1001,27/03/2012,2020-13-01,PN1", // 4: not a date
    ]),
  });

  it("imports the good rows and reports each bad one by file and line", async () => {
    const report = await ssda903(files());
    const s = report.summary();
    expect(s.tables).toEqual({
      children: { created: 3, updated: 0, unchanged: 0, rejected: 1 },
      placements: { created: 3, updated: 0, unchanged: 0, rejected: 5 },
      reviews: { created: 1, updated: 0, unchanged: 0, rejected: 2 },
    });
    expect(s.facts).toMatchObject({ children: 3, lookedAfterNow: 2, upnFailedCheck: 1 });
    const where = report.problems.map((p) => `${p.file}:${p.line}:${p.field}:${p.outcome}`).sort();
    expect(where).toEqual(
      [
        "b-header.csv:3:DOB:rejected",
        "b-header.csv:4:UPN:imported",
        "b-header.csv:5:SEX:imported",
        "b-episodes.csv:4:DEC:rejected",
        "b-episodes.csv:5:DEC:rejected",
        "b-episodes.csv:7:DECOM:rejected",
        "b-episodes.csv:8:CHILD:rejected",
        "b-episodes.csv:9:CHILD:rejected",
        "b-reviews.csv:3:CHILD:rejected",
        "b-reviews.csv:4:REVIEW:rejected",
      ].sort(),
    );
    const child = await t.db.child.findUniqueOrThrow({ where: { localId: "B1001" }, include: { placements: true } });
    expect(child).toMatchObject({ lookedAfterSince: "2020-01-01", ceasedLookedAfter: null, legalStatus: "V2" });
    expect(child.placements.map((p) => [p.fromDate, p.toDate, p.placementType, p.placementUrn])).toEqual([
      ["2020-01-01", "2020-06-01", "U1", "123456"],
      ["2020-06-01", null, "U3", null],
    ]);
    expect(await t.db.child.findUnique({ where: { localId: "B1002" } })).toBeNull();
    expect(await t.db.child.findUniqueOrThrow({ where: { localId: "B1003" } })).toMatchObject({
      upn: badUpn,
      upnIssue: expect.stringMatching(/check letter/),
      lookedAfterSince: null,
    });
  });

  it("writes an error report per file beside the input, with the row and the problem", async () => {
    const f = files();
    const report = await ssda903(f);
    const { written } = await writeErrorReports(report, [f.header, f.episodes, f.reviews]);
    expect(written).toEqual([f.header, f.episodes, f.reviews].map((s) => errorReportPath(s.path)));
    const episodes = readFileSync(errorReportPath(f.episodes.path), "utf8").trim().split("\n");
    expect(episodes[0]).toBe(`${EP},problem`);
    expect(episodes).toHaveLength(6);
    expect(episodes[1]).toMatch(/^B1003,01\/03\/2021,.*"line 4: DEC ""01\/02\/2021"" is before the episode starts/);
  });
});
