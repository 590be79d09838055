/**
 * `POST /api/imports/:kind` over real HTTP with multipart uploads: the VSH gets the
 * summary and the problems, anyone else 403, a bad upload a problem+json 400 naming what
 * is missing. Always the real app on the real Redis: no stand-in if it fails to start.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signDevToken } from "../../core/access/tokens.js";
import type { Db } from "../../core/platform/db.js";
import { type Json, startTestApp, TEST_SECRET } from "../support/app.js";

const TODAY = "2026-11-23";
const key = new TextEncoder().encode(TEST_SECRET);
type Api = { base: string; db: Db; close(): Promise<void> };

/** The real app, as `npm start` runs it: a start-up failure fails the file. */
async function startApi(): Promise<Api> {
  const real = await startTestApp({ today: TODAY });
  return { base: real.base, db: real.database.db, close: () => real.close() };
}

let api: Api;
beforeAll(async () => {
  api = await startApi();
  await api.db.professional.createMany({
    data: [
      { email: "vsh@test.local", name: "Head", role: "vsh" },
      { email: "dt@test.local", name: "Teacher", role: "designated_teacher" },
    ],
  });
});
afterAll(() => api.close());
// Each test uploads into a record with no child (so no mark) and no audit.
beforeEach(async () => {
  await api.db.child.deleteMany();
  await api.db.auditEvent.deleteMany();
});

/** Child H1 of HEADER, already in the record: the attendance uploads are about H1. */
const childH1 = () =>
  api.db.child.create({
    data: { localId: "H1", firstName: "Child", lastName: "H1", dateOfBirth: "2012-03-27", placingAuthority: "999" },
  });

const csv = (lines: string[]) => new Blob([`${lines.join("\n")}\n`], { type: "text/csv" });
async function upload(kind: string, as: string | null, parts: Record<string, string[]>) {
  const form = new FormData();
  for (const [field, lines] of Object.entries(parts)) form.append(field, csv(lines), `${field}.csv`);
  const headers: Record<string, string> = as ? { authorization: `Bearer ${await signDevToken(key, as)}` } : {};
  const res = await fetch(`${api.base}/api/imports/${kind}`, { method: "POST", headers, body: form });
  const body: Json = await res.json();
  return { status: res.status, type: res.headers.get("content-type") ?? "", body };
}

const HEADER = ["CHILD,SEX,DOB,ETHNIC,UPN", "H1,1,27/03/2012,WBRI,UN1", "H2,M,29/02/2017,WBRI,UN2"];
const EPISODES = ["CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC", "H1,01/01/2020,S,C2,N1,U1,PR1,,X1"];

describe("POST /api/imports/:kind", () => {
  it("imports an SSDA903 upload for the VSH and answers the summary and problems", async () => {
    const res = await upload("ssda903", "vsh@test.local", { header: HEADER, episodes: EPISODES });
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({
      kind: "ssda903",
      files: [
        { name: "header.csv", rows: 2 },
        { name: "episodes.csv", rows: 1 },
      ],
      tables: { children: { created: 1, rejected: 1 }, placements: { created: 1 } },
      facts: { children: 1, lookedAfterNow: 1, upnFailedCheck: 0 },
    });
    expect(res.body.problemCount).toBe(1);
    expect(res.body.problems).toEqual([
      {
        file: "header.csv",
        line: 3,
        field: "DOB",
        value: "29/02/2017",
        message: "is not a real date",
        outcome: "rejected",
      },
    ]);
    const child = await api.db.child.findUniqueOrThrow({ where: { localId: "H1" } });
    expect(child).toMatchObject({ lookedAfterSince: "2020-01-01", firstName: "Child", lastName: "H1" });
    const audit = await api.db.auditEvent.findFirstOrThrow({ where: { childId: child.id, action: "import" } });
    expect(audit).toMatchObject({ actorRole: "vsh", channel: "api" });
  });

  it("imports attendance, and a second upload changes nothing", async () => {
    await childH1();
    const marks = { file: ["child,date,session,code", "H1,2026-11-23,AM,/", "H1,2026-11-23,PM,QQ"] };
    const first = await upload("attendance", "vsh@test.local", marks);
    expect(first.status).toBe(200);
    expect(first.body.summary.tables.marks).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(first.body.problems[0]).toMatchObject({ line: 3, field: "code", value: "QQ" });
    const again = await upload("attendance", "vsh@test.local", marks);
    expect(again.body.summary.tables.marks).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 1 });
  });

  it("takes an upload over 1 MB and answers the first 1,000 problems with their count", async () => {
    await childH1();
    const rows = Array.from({ length: 60_000 }, () => "H1,2026-11-24,PM,QQ");
    const res = await upload("attendance", "vsh@test.local", { file: ["child,date,session,code", ...rows] });
    expect(res.status).toBe(200);
    expect(res.body.summary.tables.marks).toMatchObject({ created: 0, rejected: 60_000 });
    expect(res.body.problemCount).toBe(60_000);
    expect(res.body.problems).toHaveLength(1_000);
    expect(res.body.problems[999]).toMatchObject({ line: 1_001, field: "code" });
  });

  it("refuses anyone but the VSH with 403, and no token with 401", async () => {
    const dt = await upload("schools", "dt@test.local", { file: ["urn,name,phase,la", "100001,A School,primary,999"] });
    expect(dt.status).toBe(403);
    expect(dt.type).toContain("application/problem+json");
    expect(await api.db.school.count()).toBe(0);
    expect((await upload("schools", null, { file: ["urn"] })).status).toBe(401);
  });

  it("answers 400 naming what is missing", async () => {
    const noEpisodes = await upload("ssda903", "vsh@test.local", { header: HEADER });
    expect(noEpisodes.status).toBe(400);
    expect(noEpisodes.type).toContain("application/problem+json");
    expect(noEpisodes.body.detail).toMatch(
      /Missing file episodes: .*fields header, episodes \(and optionally reviews, missing\)/,
    );
    expect(noEpisodes.body.errors).toEqual([{ field: "episodes", message: "is missing" }]);

    const noColumns = await upload("roll", "vsh@test.local", { file: ["child,school", "H1,100001"] });
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.detail).toMatch(/missing columns urn, from/);

    const wrongField = await upload("calendar", "vsh@test.local", { terms: ["la,kind,name,start,end"] });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.detail).toMatch(/Unexpected file field terms/);

    const token = await signDevToken(key, "vsh@test.local");
    const json = await fetch(`${api.base}/api/imports/schools`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(400);
    const problem: Json = await json.json();
    expect(problem.detail).toMatch(/send multipart\/form-data with the CSV file in the field file/);

    const unknown = await upload("placements", "vsh@test.local", { file: ["x"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe("kind");
  });
});
