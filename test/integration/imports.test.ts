/**
 * SSDA903 imports on a temp SQLite file: the public fake return (../shared beside the
 * clone; skipped with a line when absent), whose counts are worked out here from the raw
 * CSV independently of the importer, and a second run that changes nothing. A return with
 * broken rows is in imports-broken.test.ts.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { ImportFiles } from "../../core/imports/kinds.js";
import type { Report } from "../../core/imports/report.js";
import { runImport } from "../../core/imports/run.js";
import { type ImportDb, openImportDb } from "../../core/imports/sql.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { optionalInput } from "../support/inputs.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const FAKE = resolve(repoRoot, "../shared/data/ssda903-fake");
const fakeAvailable = optionalInput(FAKE, "The fake SSDA903 return");

/** The fake files have no quoted fields: a line split is enough, and shares nothing with the importer. */
function rawRows(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const columns = (head ?? "").split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [columns[i], v])));
}

/** The DfE check letter, written out again here so the test does not trust the code under test. */
function upnPasses(upn: string): boolean {
  const table = "ABCDEFGHJKLMNPQRTUVWXYZ";
  if (/^UN[1-5]$/.test(upn)) return true;
  if (!/^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/.test(upn)) return false;
  let sum = 0;
  for (let i = 1; i < 13; i++) {
    const ch = upn.charAt(i);
    sum += (i + 1) * (/\d/.test(ch) ? Number(ch) : table.indexOf(ch));
  }
  return table.charAt(sum % 23) === upn.charAt(0);
}

let t: TestDb;
let sql: ImportDb;
beforeAll(async () => {
  t = await createTestDb("imports");
  sql = await openImportDb(t.url);
});
afterAll(async () => {
  sql.close();
  await t.close();
});

const ssda903 = (files: ImportFiles) => runImport({ db: sql, kind: "ssda903", files, laCode: "999" });
const fakeFiles = (): ImportFiles =>
  Object.fromEntries(
    ["header", "episodes", "reviews", "missing"].map((slot) => [
      slot,
      { name: `${slot}.csv`, path: join(FAKE, `${slot}.csv`) },
    ]),
  );
const tableCounts = async () => ({
  children: await t.db.child.count(),
  placements: await t.db.carePlacement.count(),
  reviews: await t.db.careReview.count(),
  audit: await t.db.auditEvent.count(),
});

describe.skipIf(!fakeAvailable)("the fake SSDA903 return", () => {
  let first: Report;
  beforeAll(async () => {
    first = await ssda903(fakeFiles());
  });

  it("imports every child, and the looked-after and UPN counts match the raw CSV", async () => {
    const header = rawRows(join(FAKE, "header.csv"));
    const episodes = rawRows(join(FAKE, "episodes.csv"));
    const ids = new Set(header.map((r) => r.CHILD));
    const lookedAfter = new Set(episodes.filter((e) => e.DEC === "" && ids.has(e.CHILD)).map((e) => e.CHILD));
    const badUpns = header.filter((r) => r.UPN && !upnPasses(r.UPN)).length;
    expect(ids.size).toBe(2675);

    const { facts, tables } = first.summary();
    expect(facts).toMatchObject({ children: ids.size, lookedAfterNow: lookedAfter.size, upnFailedCheck: badUpns });
    expect(tables.children).toEqual({ created: ids.size, updated: 0, unchanged: 0, rejected: 0 });
    expect(await t.db.child.count()).toBe(ids.size);
    expect(await t.db.child.count({ where: { upnIssue: { not: null } } })).toBe(badUpns);
    expect(first.problems.filter((p) => p.field === "UPN" && p.outcome === "imported")).toHaveLength(badUpns);
    expect(await t.db.child.count({ where: { lookedAfterSince: { not: null }, ceasedLookedAfter: null } })).toBe(
      lookedAfter.size,
    );
  });

  it("names children with the placeholder and normalises SEX", async () => {
    const child = await t.db.child.findUniqueOrThrow({ where: { localId: "566910" } });
    expect(child).toMatchObject({ firstName: "Child", lastName: "566910", sex: "F", dateOfBirth: "2008-03-27" });
    expect(child).toMatchObject({ placingAuthority: "999", lookedAfterSince: "2016-02-15", legalStatus: "C2" });
    expect(await t.db.child.count({ where: { sex: { in: ["M", "F"] } } })).toBe(2675);
    expect(first.summary().notes.join(" ")).toMatch(/no names.*"Child <CHILD>"/);
  });

  it("stores a start of care the return does not hold as 'on or before' (careStartKnown false)", async () => {
    // 566910's first episode (15 Feb 2016) has RNE L: a change of legal status in a period already running.
    expect(await t.db.child.findUniqueOrThrow({ where: { localId: "566910" } })).toMatchObject({
      lookedAfterSince: "2016-02-15",
      careStartKnown: false,
    });
    // From the raw CSV: by each child's earliest episode alone, which starts are certainly
    // known (a single S episode) and certainly not (a single episode that is not S).
    const byChild = new Map<string, string[]>();
    for (const e of rawRows(join(FAKE, "episodes.csv"))) {
      byChild.set(e.CHILD ?? "", [...(byChild.get(e.CHILD ?? "") ?? []), e.RNE ?? ""]);
    }
    const single = (s: boolean) =>
      [...byChild].filter(([, rnes]) => rnes.length === 1 && (rnes[0] === "S") === s).map(([id]) => id);
    const stored = new Map(
      (await t.db.child.findMany({ select: { localId: true, careStartKnown: true } })).map((c) => [
        c.localId,
        c.careStartKnown,
      ]),
    );
    expect(single(true).length).toBeGreaterThan(0);
    expect(single(false).length).toBeGreaterThan(0);
    expect(single(true).filter((id) => stored.get(id) !== true)).toEqual([]);
    expect(single(false).filter((id) => stored.get(id) !== false)).toEqual([]);
  });

  it("reports each child with two open episodes by line, keeping the latest", () => {
    const episodes = rawRows(join(FAKE, "episodes.csv")).map((e, i) => ({
      child: e.CHILD ?? "",
      dec: e.DEC,
      line: i + 2,
    }));
    const open = new Map<string, number[]>();
    for (const e of episodes) if (e.dec === "") open.set(e.child, [...(open.get(e.child) ?? []), e.line]);
    const twice = [...open.values()].filter((lines) => lines.length > 1);
    expect(twice.length).toBeGreaterThan(0);
    const refused = first.problems.filter((p) => p.file === "episodes.csv" && /another open episode/.test(p.message));
    expect(refused.map((p) => p.line).sort()).toEqual(twice.flatMap((lines) => lines.slice(0, -1)).sort());
  });

  it("a second import changes nothing, and never overwrites a name the Virtual School entered", async () => {
    // The other tests read the first import's names: give this child its imported name back afterwards.
    const imported = await t.db.child.findUniqueOrThrow({ where: { localId: "566910" } });
    onTestFinished(async () => {
      const { firstName, lastName } = imported;
      await t.db.child.update({ where: { localId: "566910" }, data: { firstName, lastName } });
    });
    await t.db.child.update({ where: { localId: "566910" }, data: { firstName: "Jordan", lastName: "Smith" } });
    const before = await tableCounts();
    const again = (await ssda903(fakeFiles())).summary();
    expect(again.totals.created + again.totals.updated).toBe(0);
    expect(again.tables.children?.unchanged).toBe(2675);
    expect(again.tables.placements?.unchanged).toBe(first.summary().tables.placements?.created);
    expect(again.tables.reviews?.unchanged).toBe(first.summary().tables.reviews?.created);
    expect(await tableCounts()).toEqual(before);
    const child = await t.db.child.findUniqueOrThrow({ where: { localId: "566910" } });
    expect(child).toMatchObject({ firstName: "Jordan", lastName: "Smith" });
  });
});
