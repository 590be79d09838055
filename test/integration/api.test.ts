/**
 * The API over real HTTP on a temp SQLite file: each role × each route (allowed,
 * forbidden, not found), authentication failures, bad input as problem+json, and the
 * audit trail of every read.
 */
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";

let t: TestApp;
let f: Fixture;

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
  f = await buildSmallAuthority(t.database.db);
});
afterAll(() => t.close());

type Who = keyof typeof PEOPLE;
const ROLES: Who[] = ["vsh", "sw1", "sw2", "dtA", "dtB", "iro1"];
/** Who may see Jordan: his social worker, his school's DT, his IRO and the VSH. */
const SEES_JORDAN: Who[] = ["vsh", "sw1", "dtA", "iro1"];

describe("each role × each route", () => {
  const jordanRoutes: [string, string, (f: Fixture) => string, number][] = [
    ["GET", "child record", (f) => `/api/children/${f.jordan.id}`, 200],
    ["GET", "status", (f) => `/api/children/${f.jordan.id}/status`, 200],
    ["GET", "actions", (f) => `/api/children/${f.jordan.id}/actions`, 200],
    ["POST", "log action", (f) => `/api/children/${f.jordan.id}/actions`, 201],
  ];
  for (const [method, label, path, ok] of jordanRoutes) {
    it.each(ROLES)(`${method} ${label} as %s: allowed in scope, 404 outside`, async (who) => {
      const body = method === "POST" ? { text: "Rang the carer about attendance" } : undefined;
      const res = await t.call(method, path(f), { as: PEOPLE[who], body });
      expect(res.status).toBe(SEES_JORDAN.includes(who) ? ok : 404);
      if (res.status === 404) {
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(await res.json()).toMatchObject({ status: 404, detail: "No child found." });
      }
    });
  }

  const vshOnly: [string, string, unknown][] = [
    ["GET", "/api/professionals", undefined],
    ["GET", "/api/stats", undefined],
    ["POST", "/api/schools", { urn: "100099", name: "New School", phase: "primary", localAuthority: "999" }],
    [
      "POST",
      "/api/children",
      { localId: "NEW1", firstName: "Sam", lastName: "Lee", dateOfBirth: "2016-02-29", upn: "UN2" },
    ],
  ];
  for (const [method, path, body] of vshOnly) {
    it.each(ROLES.filter((r) => r !== "vsh"))(`${method} ${path} as %s is 403`, async (who) => {
      const res = await t.call(method, path, { as: PEOPLE[who], body });
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toMatch(/role does not allow/);
    });
  }
  it.each(vshOnly)("%s %s as the VSH succeeds", async (method, path, body) => {
    const res = await t.call(method, path, { as: PEOPLE.vsh, body });
    expect(res.status).toBe(method === "POST" ? 201 : 200);
  });

  it.each(ROLES)("GET /api/me, /api/schools and /api/schools/:id as %s", async (who) => {
    const me = await (await t.call("GET", "/api/me", { as: PEOPLE[who] })).json();
    expect(me.name).toBe(PEOPLE[who].split("@")[0]);
    expect((await t.call("GET", "/api/schools", { as: PEOPLE[who] })).status).toBe(200);
    expect((await t.call("GET", `/api/schools/${f.schoolA.id}`, { as: PEOPLE[who] })).status).toBe(200);
    expect((await t.call("GET", "/api/schools/99999", { as: PEOPLE[who] })).status).toBe(404);
  });

  const expectedLists: [Who | "dtNoSchool", string[]][] = [
    ["sw1", ["Brooks", "Smith"]],
    ["sw2", ["Khan"]],
    ["dtA", ["Smith"]],
    ["dtB", ["Khan"]],
    ["iro1", ["Smith"]],
    ["dtNoSchool", []],
  ];
  it.each(expectedLists)("GET /api/children as %s lists exactly their children", async (who, surnames) => {
    const res = await t.call("GET", "/api/children", { as: PEOPLE[who] });
    const body = await res.json();
    expect(body.items.map((c: { lastName: string }) => c.lastName)).toEqual(surnames);
    expect(body.total).toBe(surnames.length);
  });

  it("the VSH sees every child, and a missing child is 404", async () => {
    const body = await (await t.call("GET", "/api/children?limit=100", { as: PEOPLE.vsh })).json();
    expect(body.total).toBeGreaterThanOrEqual(4);
    expect((await t.call("GET", "/api/children/99999/status", { as: PEOPLE.vsh })).status).toBe(404);
  });
});

describe("authentication", () => {
  it("no token is 401 with a WWW-Authenticate header", async () => {
    const res = await t.call("GET", "/api/me");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await res.json()).detail).toMatch(/Sign in first/);
  });
  it("a token signed with another key is 401", async () => {
    const forged = await new SignJWT({ email: PEOPLE.vsh })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("virtual-school-dev")
      .setAudience("virtual-school-api")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("another-key-another-key-another-key!"));
    expect((await t.call("GET", "/api/me", { token: forged })).status).toBe(401);
  });
  it("an expired token is 401 and says so", async () => {
    const expired = await new SignJWT({ email: PEOPLE.vsh })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("virtual-school-dev")
      .setAudience("virtual-school-api")
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode("test-secret-test-secret-test-secret!"));
    const res = await t.call("GET", "/api/me", { token: expired });
    expect(res.status).toBe(401);
    expect((await res.json()).detail).toMatch(/expired/);
  });
  it.each([
    ["an unknown person", "nobody@test.local"],
    ["an inactive professional", PEOPLE.inactive],
  ])("a valid token for %s is 403", async (_, email) => {
    const res = await t.call("GET", "/api/children", { as: email });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toMatch(/not registered/);
  });
  it("publishes its OpenAPI document at /docs/json", async () => {
    const doc = await (await t.call("GET", "/docs/json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/children",
        "/api/children/{id}/status",
        "/api/children/{id}/actions",
        "/api/stats",
      ]),
    );
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("health needs no token", async () => {
    expect(await (await t.call("GET", "/health")).json()).toMatchObject({ status: "ok", database: "ok" });
  });
});

describe("bad input is a problem+json naming the field", () => {
  const child = { localId: "BAD1", firstName: "Sam", lastName: "Lee", dateOfBirth: "2016-03-01" };
  it("a UPN with a wrong check letter is refused with a message that says so", async () => {
    const good = f.jordan.upn!;
    const wrong = `${good[0] === "A" ? "B" : "A"}${good.slice(1)}`;
    const res = await t.call("POST", "/api/children", { as: PEOPLE.vsh, body: { ...child, upn: wrong } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await res.json();
    expect(problem.errors).toEqual([{ field: "upn", message: expect.stringMatching(/check letter should be/) }]);
    expect(problem.detail).toMatch(/upn: .*check letter/);
  });
  it.each([
    ["dateOfBirth", { ...child, upn: "UN1", dateOfBirth: "2016-02-30" }],
    ["firstName", { ...child, upn: "UN1", firstName: "" }],
    ["localId", { ...child, upn: "UN1", localId: undefined }],
  ])("%s", async (field, body) => {
    const res = await t.call("POST", "/api/children", { as: PEOPLE.vsh, body });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
  });
  it("a non-numeric id names the id", async () => {
    const res = await t.call("GET", "/api/children/abc/status", { as: PEOPLE.vsh });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].field).toBe("id");
  });
  it("malformed JSON is a 400 problem, not a 500", async () => {
    const res = await fetch(`${t.base}/api/children`, {
      method: "POST",
      headers: { authorization: `Bearer ${await t.token(PEOPLE.vsh)}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
  it("a duplicate local id is 409 and changes nothing", async () => {
    const res = await t.call("POST", "/api/children", {
      as: PEOPLE.vsh,
      body: { ...child, localId: "T001", upn: "UN1" },
    });
    expect(res.status).toBe(409);
    expect(await t.database.db.child.count({ where: { localId: "T001" } })).toBe(1);
  });
  it("a follow-up date in the past is 422", async () => {
    const res = await t.call("POST", `/api/children/${f.jordan.id}/actions`, {
      as: PEOPLE.sw1,
      body: { text: "Rang carer", followUpDate: "2026-11-01" },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe("followUpDate");
  });
  it("an unknown route is a 404 problem", async () => {
    const res = await t.call("GET", "/api/nothing-here", { as: PEOPLE.vsh });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("search, actions and audit", () => {
  it("finds a child by name words in any case, or by UPN", async () => {
    const byName = await (await t.call("GET", "/api/children?q=jordan%20SMITH", { as: PEOPLE.vsh })).json();
    expect(byName.items.map((c: { id: number }) => c.id)).toEqual([f.jordan.id]);
    const byUpn = await (
      await t.call("GET", `/api/children?q=${f.amira.upn?.toLowerCase()}`, { as: PEOPLE.vsh })
    ).json();
    expect(byUpn.items.map((c: { id: number }) => c.id)).toEqual([f.amira.id]);
  });

  it("a logged action is categorised, listed newest first, and audited", async () => {
    const logged = await t.call("POST", `/api/children/${f.jordan.id}/actions`, {
      as: PEOPLE.dtA,
      body: { text: "Emailed the school's SENCO about the EHCP review", followUpDate: "2026-11-27" },
    });
    expect(logged.status).toBe(201);
    const action = await logged.json();
    expect(action).toMatchObject({ followUpDate: "2026-11-27", professional: { id: f.dtA.id } });
    const list = await (await t.call("GET", `/api/children/${f.jordan.id}/actions`, { as: PEOPLE.sw1 })).json();
    expect(list.items[0].id).toBe(action.id);
    const audit = await t.database.db.auditEvent.findMany({ where: { actorId: f.sw1.id, action: "read_actions" } });
    expect(audit.map((a) => [a.childId, a.channel])).toContainEqual([f.jordan.id, "api"]);
  });

  it("every status read is audited; a refused read is not recorded against the child", async () => {
    const before = await t.database.db.auditEvent.count({ where: { childId: f.jordan.id, action: "read_status" } });
    expect((await t.call("GET", `/api/children/${f.jordan.id}/status`, { as: PEOPLE.iro1 })).status).toBe(200);
    expect((await t.call("GET", `/api/children/${f.jordan.id}/status`, { as: PEOPLE.sw2 })).status).toBe(404);
    const events = await t.database.db.auditEvent.findMany({
      where: { childId: f.jordan.id, action: "read_status" },
      orderBy: { id: "asc" },
    });
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ actorId: f.iro1.id, actorRole: "iro", channel: "api" });
  });
});
