/**
 * Bad input (issue 13, item 6): security headers on every route (API, tab, bot endpoint,
 * docs, 404s and problem+json errors) without breaking the tab's own policy that lets
 * Teams frame it; rate limits per address and per identity on the API, on dev sign-in
 * and on /api/messages, each a 429 problem+json with Retry-After; import error reports
 * safe to open in a spreadsheet (a formula-leading cell is quoted); the child record
 * projected per role (a DT gets no placements, legal status or others' e-mails).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAB_CSP } from "../../api/routes/tab.js";
import { errorReportPath, writeErrorReports } from "../../core/imports/error-report.js";
import { runImport } from "../../core/imports/run.js";
import { openImportDb } from "../../core/imports/sql.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { csvWriter } from "../support/csv-files.js";
import { createTestDb } from "../support/db.js";
import { aadOf, buildSmallAuthority, PEOPLE, TODAY } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";
import { message, post } from "../support/teams.js";

async function expectTooMany(res: Response, limit: RegExp) {
  expect(res.status).toBe(429);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  const body = (await res.json()) as { detail: string };
  expect(body).toMatchObject({ status: 429, title: "Too many requests" });
  expect(body.detail).toMatch(limit);
}

describe("security headers on every route", () => {
  const { t, stub } = useSmallAuthority();

  const common = (res: Response) => {
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
  };

  it.each([
    ["health", "GET", "/health", undefined, 200],
    ["an API answer", "GET", "/api/me", PEOPLE.vsh, 200],
    ["a 404", "GET", "/no/such/page", undefined, 404],
    ["a problem+json 401", "GET", "/api/me", undefined, 401],
    ["a problem+json 400", "GET", "/api/children/not-a-number", PEOPLE.vsh, 400],
    ["the docs", "GET", "/docs/", undefined, 200],
    ["the queue board, signed out", "GET", "/admin/queues", undefined, 401],
  ])("%s: nosniff, no referrer, not framable, a content policy", async (_, method, path, as, status) => {
    const res = await t.call(method, path, { as });
    expect(res.status).toBe(status);
    common(res);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  it("API answers about children are not cached; the JSON API loads nothing", async () => {
    const res = await t.call("GET", "/api/me", { as: PEOPLE.vsh });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
  });

  it("the bot endpoint's answers carry them too", async () => {
    const res = await post(t.base, message({ aadObjectId: aadOf(PEOPLE.sw1) }, stub.url, "help"));
    expect(res.status).toBe(200);
    common(res);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it.each([
    ["the page", "/tab", 200],
    ["a script", "/tab/assets/app.js", 200],
    ["a missing asset", "/tab/assets/nothing-here.js", 404],
  ])("the tab (%s) keeps its own policy, which lets Teams frame it", async (_, path, status) => {
    const res = await fetch(`${t.base}${path}`);
    expect(res.status).toBe(status);
    common(res);
    expect(res.headers.get("content-security-policy")).toBe(TAB_CSP);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'self' teams.microsoft.com");
    expect(res.headers.get("x-frame-options")).toBeNull();
  });

  it("sends Strict-Transport-Security only when PUBLIC_URL is https", async () => {
    expect((await t.call("GET", "/health")).headers.get("strict-transport-security")).toBeNull();
    const https = await startTestApp({ today: TODAY, env: { PUBLIC_URL: "https://vs.example.org" } });
    try {
      const res = await https.call("GET", "/health");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    } finally {
      await https.close();
    }
  });
});

describe("rate limits on the API: per identity and per address", () => {
  const { t } = useSmallAuthority({ env: { RATE_LIMIT_API_PER_USER: "3", RATE_LIMIT_API_PER_IP: "8" } });

  it("stops one person past their limit, with Retry-After, while another still gets answers", async () => {
    for (let i = 0; i < 3; i++) expect((await t.call("GET", "/api/me", { as: PEOPLE.sw1 })).status).toBe(200);
    await expectTooMany(await t.call("GET", "/api/me", { as: PEOPLE.sw1 }), /API per person/);
    // The same person's other routes share the limit; someone else does not.
    await expectTooMany(await t.call("GET", "/api/children", { as: PEOPLE.sw1 }), /API per person/);
    expect((await t.call("GET", "/api/me", { as: PEOPLE.vsh })).status).toBe(200);
  });

  it("stops an address past its limit whoever it signs in as, bad tokens included", async () => {
    // Six requests so far from this address; one more person's and a bad token's make eight.
    expect((await t.call("GET", "/api/me", { as: PEOPLE.dtA })).status).toBe(200);
    expect((await t.call("GET", "/api/me", { token: "not-a-token" })).status).toBe(401);
    await expectTooMany(await t.call("GET", "/api/me", { as: PEOPLE.iro1 }), /API per address/);
    await expectTooMany(await t.call("GET", "/api/me", { token: "not-a-token" }), /API per address/);
  });
});

describe("rate limits on dev sign-in (tight by default)", () => {
  const { t } = useSmallAuthority();

  it("allows 20 sign-ins a minute from one address, then a 429", async () => {
    for (let i = 0; i < 20; i++) {
      const res = await t.call("POST", "/api/dev/token", { body: { email: i % 2 ? PEOPLE.vsh : "nobody@x.org" } });
      expect(res.status).toBe(i % 2 ? 200 : 404);
    }
    await expectTooMany(await t.call("POST", "/api/dev/token", { body: { email: PEOPLE.vsh } }), /sign-in per address/);
  });
});

describe("rate limits on /api/messages: per Teams user and conversation, and per address", () => {
  let t: TestApp;
  let stub: ConnectorStub;
  beforeAll(async () => {
    stub = await startConnectorStub();
    t = await startTestApp({
      today: TODAY,
      env: { RATE_LIMIT_MESSAGES_PER_CONVERSATION: "2", RATE_LIMIT_MESSAGES_PER_IP: "4" },
    });
    await buildSmallAuthority(t.database.db);
  });
  afterAll(async () => {
    await t.close();
    await stub.close();
  });

  it("stops one conversation past its limit, then the address", async () => {
    const sw1 = { aadObjectId: aadOf(PEOPLE.sw1) };
    expect((await post(t.base, message(sw1, stub.url, "help"))).status).toBe(200);
    expect((await post(t.base, message(sw1, stub.url, "help"))).status).toBe(200);
    await expectTooMany(await post(t.base, message(sw1, stub.url, "help")), /bot per (user|conversation)/);
    // Another professional's conversation has its own limit...
    expect((await post(t.base, message({ aadObjectId: aadOf(PEOPLE.vsh) }, stub.url, "help"))).status).toBe(200);
    // ...but the address has had its four.
    await expectTooMany(
      await post(t.base, message({ aadObjectId: aadOf(PEOPLE.iro1) }, stub.url, "help")),
      /bot per address/,
    );
  });
});

describe("import error reports are safe to open in a spreadsheet", () => {
  it("quotes a cell that starts a formula, in the values, the header and an extra column", async () => {
    const t = await createTestDb("hardening-csv");
    const sql = await openImportDb(t.url);
    const dir = mkdtempSync(join(tmpdir(), "vs-hardening-csv-"));
    try {
      await t.db.child.create({
        data: {
          localId: "A1",
          upn: "",
          firstName: "Child",
          lastName: "A1",
          dateOfBirth: "2015-05-01",
          placingAuthority: "999",
        },
      });
      const feed = csvWriter(dir)("feed.csv", [
        "child,date,session,code,=cmd",
        'A1,2026-11-23,AM,"=HYPERLINK(""http://x"")",+cmd|calc',
        "@SUM(1),2026-11-23,AM,/,-2+3",
        "NOPE,2026-11-23,PM,/,-3",
      ]);
      const report = await runImport({ db: sql, kind: "attendance", files: { file: feed }, laCode: "999" });
      await writeErrorReports(report, [feed]);
      const [header, ...rows] = parse(readFileSync(errorReportPath(feed.path), "utf8")) as string[][];
      expect(header).toEqual(["child", "date", "session", "code", "'=cmd", "problem"]);
      expect(rows).toHaveLength(3);
      expect(rows[0]?.slice(0, 5)).toEqual(["A1", "2026-11-23", "AM", `'=HYPERLINK("http://x")`, "'+cmd|calc"]);
      expect(rows[1]?.slice(0, 5)).toEqual(["'@SUM(1)", "2026-11-23", "AM", "/", "'-2+3"]);
      // A plain negative number is not a formula: left alone.
      expect(rows[2]?.[4]).toBe("-3");
      for (const cell of [header, ...rows].flat()) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?![\d .,]*$)/);
    } finally {
      sql.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the child record, projected per role", () => {
  let t: TestApp;
  let jordan: number;
  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    const f = await buildSmallAuthority(t.database.db);
    jordan = f.jordan.id;
    await t.database.db.child.update({ where: { id: jordan }, data: { legalStatus: "C2" } });
    await t.database.db.carePlacement.create({
      data: { childId: jordan, fromDate: "2024-01-15", placementType: "U1", placementUrn: "SC999111" },
    });
  });
  afterAll(() => t.close());

  it("gives a designated teacher no placement history, legal status or other professionals' e-mails", async () => {
    const res = await t.call("GET", `/api/children/${jordan}`, { as: PEOPLE.dtA });
    expect(res.status).toBe(200);
    const record = await res.json();
    expect(record).not.toHaveProperty("placements");
    expect(record).not.toHaveProperty("legalStatus");
    expect(record.allocations.length).toBeGreaterThan(0);
    expect(JSON.stringify(record)).not.toMatch(/@test\.local|SC999111/);
    expect(record.allocations.map((a: { role: string }) => a.role)).toContain("social_worker");
  });

  it("leaves the social worker's and the VSH's record whole", async () => {
    for (const who of [PEOPLE.sw1, PEOPLE.vsh]) {
      const record = await (await t.call("GET", `/api/children/${jordan}`, { as: who })).json();
      expect(record.legalStatus).toBe("C2");
      expect(record.placements).toHaveLength(1);
      expect(JSON.stringify(record.allocations)).toContain(PEOPLE.sw1);
    }
  });
});
