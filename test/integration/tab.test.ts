import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { devSignInEnabled } from "../../api/routes/dev-token.js";
import { TAB_CSP } from "../../api/routes/tab.js";
import { eachDay, isWeekend } from "../../core/platform/dates.js";
import type { Db } from "../../core/platform/db.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { browserAvailable, browserSession, expectAccessible, signIn, teamsHostPage } from "../support/browser.js";
import { buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";

let t: TestApp;
let f: Fixture;

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
  f = await buildSmallAuthority(t.database.db);
  await addRegistersPepsAndAlerts(t.database.db, f);
});
afterAll(() => t?.close());
// The tests check the audit of their own reads: none of an earlier test's is left.
beforeEach(async () => {
  await t.database.db.auditEvent.deleteMany();
});

const audits = (action: string, childId?: number) =>
  t.database.db.auditEvent.findMany({ where: { action, ...(childId ? { childId } : {}) }, orderBy: { id: "asc" } });

describe("the tab's API", () => {
  it("GET /api/caseload lists exactly the caller's children with the bot's badges, and audits each", async () => {
    const res = await t.call("GET", "/api/caseload", { as: PEOPLE.sw1 });
    expect(res.status).toBe(200);
    const { items } = await res.json();
    // Most urgent first: Tyler has two red flags, Jordan one red (no PEP since Feb 2024:
    // the summer 2024 PEP is owed, judged on the census terms before the calendar) and two amber.
    expect(items.map((c: { lastName: string }) => c.lastName)).toEqual(["Brooks", "Smith"]);
    const [tyler, jordan] = items;
    expect(Object.keys(jordan).sort()).toEqual(["badges", "firstName", "id", "lastName", "school"]);
    const codes = (child: { badges: { code: string }[] }) => child.badges.map((b) => b.code);
    expect(codes(jordan)).toEqual(["unexplained_absence_today", "persistent_absence", "pep_overdue"]);
    expect(codes(tyler)).toEqual(["no_school_place", "pep_overdue"]);
    const rows = await audits("read_caseload");
    expect(rows.map((r) => r.childId).sort()).toEqual([f.jordan.id, f.tyler.id].sort());
    expect(rows.every((r) => r.actorId === f.sw1.id && r.channel === "api")).toBe(true);
    expect((await (await t.call("GET", "/api/caseload", { as: PEOPLE.dtNoSchool })).json()).items).toEqual([]);
    expect((await t.call("GET", "/api/caseload")).status).toBe(401);
  });

  it("GET /api/children/:id/attendance: weeks from the first term, half-term as a gap; 404 outside scope", async () => {
    const res = await t.call("GET", `/api/children/${f.jordan.id}/attendance`, { as: PEOPLE.dtA });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ asOf: TODAY, from: "2026-09-02", to: TODAY });
    expect(body.weeks[0]).toMatchObject({ weekStart: "2026-08-31", possibleSessions: 6, attendedSessions: 6 });
    expect(body.weeks.find((w: { weekStart: string }) => w.weekStart === "2026-10-26")).toMatchObject({
      possibleSessions: 0,
      attendanceRate: null,
    });
    expect(body.weeks.at(-1)).toMatchObject({ weekStart: TODAY, possibleSessions: 1, attendedSessions: 0 });
    expect(body.weeks).toHaveLength(13);

    const refused = await t.call("GET", `/api/children/${f.jordan.id}/attendance`, { as: PEOPLE.dtB });
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect((await t.call("GET", "/api/children/99999/attendance", { as: PEOPLE.vsh })).status).toBe(404);
    const rows = await audits("read_attendance", f.jordan.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: f.dtA.id, actorRole: "designated_teacher", channel: "api" });
  });

  it("GET /api/children/:id/peps: dates, status and rating, not the targets; 404 outside scope", async () => {
    const res = await t.call("GET", `/api/children/${f.jordan.id}/peps`, { as: PEOPLE.iro1 });
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toMatchObject([
      { term: "initial", dueDate: "2024-02-09", meetingDate: "2024-02-05", status: "complete", rag: "green" },
      { term: "2026-autumn", dueDate: "2026-12-18", meetingDate: null, status: "draft", rag: null },
    ]);
    // Dates, states and amounts: never what a target says.
    expect(JSON.stringify(items)).not.toContain("Read every day");
    expect((await t.call("GET", `/api/children/${f.jordan.id}/peps`, { as: PEOPLE.sw2 })).status).toBe(404);
    const rows = await audits("read_peps", f.jordan.id);
    expect(rows.map((r) => r.actorId)).toEqual([f.iro1.id]);
  });

  it("GET /api/stats adds alerts by status for the VSH (follow-up reminders left out); 403 for others", async () => {
    const res = await t.call("GET", "/api/stats", { as: PEOPLE.vsh });
    expect((await res.json()).alerts).toEqual({
      raisedSince: "2026-08-01",
      open: 1,
      snoozed: 0,
      escalated: 0,
      acknowledged: 1,
      resolved: 1,
      answered: 2,
    });
    expect((await t.call("GET", "/api/stats", { as: PEOPLE.dtA })).status).toBe(403);
  });

  it("POST /api/dev/token signs a working token for a registered e-mail, and refuses others", async () => {
    const ok = await fetch(`${t.base}/api/dev/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "  SW1@test.local " }),
    });
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    expect((await (await t.call("GET", "/api/me", { token })).json()).name).toBe("sw1");

    for (const email of ["nobody@test.local", PEOPLE.inactive]) {
      const res = await t.call("POST", "/api/dev/token", { body: { email } });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect((await res.json()).detail).toMatch(/No professional is registered/);
    }
    const bad = await t.call("POST", "/api/dev/token", { body: { email: "not an e-mail" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ field: "email", message: "must be an e-mail address" }]);
    expect(devSignInEnabled({ AUTH_MODE: "dev", NODE_ENV: "production" })).toBe(false);
  });

  it("serves the page with a policy that lets Teams frame it and runs no inline script", async () => {
    const res = await fetch(`${t.base}/tab`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toBe(TAB_CSP);
    expect(csp).toContain(
      "frame-ancestors 'self' teams.microsoft.com *.teams.microsoft.com *.cloud.microsoft *.office.com",
    );
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers.get("x-frame-options")).toBeNull();
    const html = await res.text();
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<meta name="vs-dev-sign-in" content="true">');
    // Every script has a src: nothing inline.
    expect([...html.matchAll(/<script\b[^>]*>/g)].every(([tag]) => /\ssrc=/.test(tag))).toBe(true);

    const teamsJs = await fetch(`${t.base}/tab/assets/vendor/MicrosoftTeams.min.js`);
    expect(teamsJs.status).toBe(200);
    expect(teamsJs.headers.get("content-type")).toContain("javascript");
    expect((await teamsJs.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${t.base}/tab/assets/app.js`)).headers.get("content-type")).toContain("javascript");
    expect((await fetch(`${t.base}/tab/assets/tab.css`)).status).toBe(200);
    // Only that one file of TeamsJS's folder, and nothing outside tab/.
    expect((await fetch(`${t.base}/tab/assets/vendor/MicrosoftTeams.js`)).status).toBe(404);
    expect((await fetch(`${t.base}/tab/assets/%2e%2e/%2e%2e/package.json`)).status).toBeGreaterThanOrEqual(400);
    const slash = await fetch(`${t.base}/tab/`, { redirect: "manual" });
    expect([slash.status, slash.headers.get("location")]).toEqual([301, "/tab"]);
  });
});

describe("AUTH_MODE=entra", () => {
  let entra: TestApp;
  beforeAll(async () => {
    entra = await startTestApp({
      today: TODAY,
      env: {
        AUTH_MODE: "entra",
        ENTRA_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
        ENTRA_TENANT_ID: "66666666-7777-4888-8999-000000000000",
        MICROSOFT_APP_ID: "11111111-2222-3333-4444-555555555555",
      },
    });
  });
  afterAll(() => entra?.close());

  it("has no dev sign-in: POST /api/dev/token is 404 and the page does not offer it", async () => {
    const res = await entra.call("POST", "/api/dev/token", { body: { email: PEOPLE.vsh } });
    expect(res.status).toBe(404);
    expect(await (await fetch(`${entra.base}/tab`)).text()).toContain('<meta name="vs-dev-sign-in" content="false">');
  });
});

describe.skipIf(!browserAvailable)("the tab in headless Chromium", () => {
  const session = browserSession(() => t.base);
  const context = () => session.context();
  const problems = session.problems;
  const open = session.open;
  const axe = expectAccessible;

  it("loads outside Teams, signs in as sw1 and lists exactly sw1's caseload", async () => {
    const page = await open("/tab");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Sign in");
    await axe(page, "sign-in");
    await signIn(page, PEOPLE.sw1);
    await page.locator("table.caseload").waitFor();
    const names = await page.locator("table.caseload tbody th").allTextContents();
    expect(names).toEqual(["Tyler Brooks", "Jordan Smith"]);
    const jordanRow = page.locator("table.caseload tbody tr").nth(1);
    expect(await jordanRow.locator(".badge").allTextContents()).toEqual([
      "Attention: Absent today",
      "Attention: Persistent absence",
      "Urgent: PEP overdue",
    ]);
    expect(await page.locator("#who-name").textContent()).toBe("sw1, Social worker");
    expect(await page.locator('#nav [data-role="virtual-school"]').isHidden()).toBe(true);
    expect(await page.evaluate('sessionStorage.getItem("vs-tab-dev-token")')).toMatch(/^ey/);
    await axe(page, "caseload");

    // Opening a child: status, the attendance chart and its table, the PEP timeline.
    const statusAnswer = page.waitForResponse((r) => r.url().endsWith(`/api/children/${f.jordan.id}/status`));
    await page.getByRole("link", { name: "Jordan Smith" }).click();
    expect((await statusAnswer).status()).toBe(200);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Jordan Smith");
    expect(page.url()).toContain(`/tab#/children/${f.jordan.id}`);
    const main = page.locator("main");
    await expect.poll(() => main.textContent()).toContain("Oakfield Primary");
    const chart = page.getByRole("img", { name: /Attendance by week/ });
    expect(await chart.count()).toBe(1);
    expect(await page.locator("svg.chart rect.chart__bar").count()).toBe(12);
    expect(await page.locator("svg.chart desc").textContent()).toMatch(
      /^12 school weeks from 31 Aug 2026\. Latest week 0\.0%/,
    );
    expect(await page.locator("details table tbody tr").count()).toBe(13);
    expect(await page.locator(".timeline > li").count()).toBe(2);
    const text = (await main.textContent()) ?? "";
    // Never the date of birth or UPN: the status API does not return them.
    expect(text).not.toMatch(/2015|UPN/);
    await axe(page, "child");
    // Teams' dark and high-contrast themes swap the colours: they must pass too.
    for (const theme of ["dark", "contrast"]) {
      await page.evaluate(`document.documentElement.dataset.theme = "${theme}"`);
      await axe(page, `child, ${theme} theme`);
    }
    await page.evaluate(`document.documentElement.dataset.theme = ""`);

    // Logging an action from the form, recorded as coming from the tab.
    await page.getByLabel("What did you do?").fill("Rang the carer about the absence this morning");
    await page.getByRole("button", { name: "Log action" }).click();
    await expect.poll(() => page.locator(".actions li").first().textContent()).toContain("Rang the carer");
    const logged = await t.database.db.actionLog.findFirst({
      where: { childId: f.jordan.id },
      orderBy: { id: "desc" },
    });
    expect(logged).toMatchObject({ source: "tab", professionalId: f.sw1.id });
    const reads = await t.database.db.auditEvent.findMany({ where: { actorId: f.sw1.id, channel: "tab" } });
    expect(new Set(reads.map((r) => r.action))).toEqual(
      // read_child: the page's reviews, exclusions, part-time timetables and (for ending a place) the record.
      new Set([
        "read_caseload",
        "read_status",
        "read_attendance",
        "read_peps",
        "read_actions",
        "read_child",
        "log_action",
      ]),
    );
    await page.close();
  }, 60_000);

  it("a DT's token cannot open a child of another school: the page says no child found, the API said 404", async () => {
    const page = await open(`/tab#/children/${f.jordan.id}`);
    const refused = page.waitForResponse((r) => r.url().endsWith(`/api/children/${f.jordan.id}/status`));
    await signIn(page, PEOPLE.dtB);
    expect((await refused).status()).toBe(404);
    await expect
      .poll(() => page.locator("main").textContent())
      .toContain("No child found among the children you work with");
    // The same deep link works for Jordan's own school's DT.
    await page.evaluate("sessionStorage.clear()");
    await page.reload();
    await signIn(page, PEOPLE.dtA);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Jordan Smith");
    // Not the VSH: the dashboard is refused with the role's reason.
    await page.goto(`${t.base}/tab#/school`);
    await expect.poll(() => page.locator("main").textContent()).toContain("Your role does not allow this");
    await page.close();
  });

  it("the VSH sees the school dashboard", async () => {
    const page = await open("/tab");
    await signIn(page, PEOPLE.vsh);
    await page.getByRole("link", { name: "School dashboard" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("School dashboard");
    const main = page.locator("main");
    await expect.poll(() => main.textContent()).toContain("PEPs in date");
    const figure = (label: string) =>
      page.locator(".tile", { has: page.locator("dt", { hasText: label }) }).locator(".tile__value");
    expect(await figure("Looked after").textContent()).toBe("4");
    expect(await figure("Open").textContent()).toBe("1");
    expect(await figure("Answered").textContent()).toBe("2");
    expect(await page.locator("#nav a[aria-current=page]").textContent()).toBe("School dashboard");
    await axe(page, "dashboard");
    await page.close();
  });

  it("an invalid token returns to sign-in", async () => {
    const page = await open("/tab");
    await page.evaluate('sessionStorage.setItem("vs-tab-dev-token", "not-a-token")');
    await page.reload();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Sign in");
    expect(await page.locator(".notice").textContent()).toMatch(/not valid/);
    await page.close();
  });

  it("framed by a host that never answers, TeamsJS times out and dev sign-in is offered", async () => {
    const page = await context().newPage();
    await page.route(`${t.base}/silent-host`, (route) =>
      route.fulfill({ contentType: "text/html", body: `<title>host</title><iframe src="/tab" title="tab"></iframe>` }),
    );
    const started = Date.now();
    await page.goto(`${t.base}/silent-host`);
    const frame = page.frameLocator("iframe");
    await frame.locator("h1", { hasText: "Sign in" }).waitFor({ timeout: 8000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    await page.close();
  });

  it("inside a Teams host: single sign-on token on every call, the deep link's sub-entity opens the child", async () => {
    const token = await t.token(PEOPLE.sw1);
    const page = await context().newPage();
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    // Teams frames the tab from a public https origin, and Chromium keeps public pages
    // from framing 127.0.0.1; so the tab is served as https://tab.test, relayed to the
    // real server, inside a stand-in for Teams on Teams' own origin.
    await page.route("https://tab.test/**", async (route) => {
      const url = new URL(route.request().url());
      await route.fulfill({ response: await route.fetch({ url: `${t.base}${url.pathname}${url.search}` }) });
    });
    await page.route("https://teams.microsoft.com/_test/host", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: teamsHostPage("https://tab.test/tab", token, `children/${f.jordan.id}`),
      }),
    );
    // TeamsJS may ask Microsoft's CDN for its list of hosts; offline, the answer is no.
    await page.route("https://res.cdn.office.net/**", (route) => route.abort());
    const apiCalls: { path: string; auth: string | undefined }[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      // The tab calls the API under its own mount, so the server records its reads as the tab's.
      if (url.pathname.startsWith("/tab/api/")) apiCalls.push({ path: url.pathname, auth: r.headers().authorization });
    });
    await page.goto("https://teams.microsoft.com/_test/host");
    const frame = page.frameLocator("iframe");
    await frame.locator("h1", { hasText: "Jordan Smith" }).waitFor({ timeout: 8000 });
    expect(await frame.locator("#sign-out").isHidden()).toBe(true);
    expect(apiCalls.map((c) => c.path)).toEqual(
      expect.arrayContaining(["/tab/api/me", `/tab/api/children/${f.jordan.id}/status`]),
    );
    expect(apiCalls.every((c) => c.auth === `Bearer ${token}`)).toBe(true);
    const calls = (await page.evaluate("window.teamsCalls")) as string[];
    expect(calls).toEqual(expect.arrayContaining(["initialize", "getContext", "authentication.getAuthToken"]));
    await expect.poll(() => page.evaluate("window.teamsCalls.includes('appInitialization.success')")).toBe(true);
    await page.close();
  });

  it("logged no script errors and no refusals by the page's policy", async () => {
    // Through each view as the VSH: sign-in, caseload, a child, the dashboard.
    const page = await open("/tab");
    await signIn(page, PEOPLE.vsh);
    await page.getByRole("link", { name: "Jordan Smith" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Jordan Smith");
    await page.getByRole("link", { name: "School dashboard" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("School dashboard");
    await page.close();
    expect(problems).toEqual([]);
  });
});

/** Autumn term up to today, without the October half-term (the factories' calendar). */
const SCHOOL_DAYS = eachDay("2026-09-02", TODAY).filter(
  (d) => !isWeekend(d) && !(d >= "2026-10-26" && d <= "2026-10-30"),
);

/** Jordan is present most days, absent without a reason in two November weeks and this morning. */
function jordanMark(date: string, session: "AM" | "PM"): string | null {
  if (date === TODAY) return session === "AM" ? "O" : null;
  if (date >= "2026-11-09" && date <= "2026-11-17") return "O";
  return session === "AM" ? "/" : "\\";
}

/**
 * What the small authority lacks for the tab: registers (Jordan persistently absent,
 * Amira at another school present every day), two PEPs for Jordan, and alerts in each state.
 */
async function addRegistersPepsAndAlerts(db: Db, f: Fixture) {
  const marks = SCHOOL_DAYS.flatMap((date) =>
    (["AM", "PM"] as const).flatMap((session) => {
      const jordan = jordanMark(date, session);
      const amira = date < TODAY ? (session === "AM" ? "/" : "\\") : null;
      return [
        ...(jordan ? [{ childId: f.jordan.id, date, session, code: jordan, schoolId: f.schoolA.id }] : []),
        ...(amira ? [{ childId: f.amira.id, date, session, code: amira, schoolId: f.schoolB.id }] : []),
      ];
    }),
  );
  await db.attendanceMark.createMany({ data: marks });
  const jordanPep = { childId: f.jordan.id, meetingDate: null, rag: null };
  await db.pep.createMany({
    data: [
      {
        ...jordanPep,
        term: "initial",
        dueDate: "2024-02-09",
        meetingDate: "2024-02-05",
        status: "complete",
        rag: "green",
      },
      { ...jordanPep, term: "2026-autumn", dueDate: "2026-12-18", status: "draft", targets: "Read every day" },
    ],
  });
  // Every date set here: the dashboard counts alerts raised in a window before today.
  const at = (iso: string) => new Date(iso);
  await db.alert.createMany({
    data: [
      {
        childId: f.jordan.id,
        rule: "pep_overdue",
        period: "2026-11-01",
        severity: "red",
        raisedAt: at("2026-11-02T09:00:00Z"),
      },
      {
        childId: f.jordan.id,
        rule: "persistent_absence",
        period: "2026",
        severity: "amber",
        status: "acknowledged",
        raisedAt: at("2026-11-09T09:00:00Z"),
        answeredAt: at("2026-11-10T14:00:00Z"),
      },
      {
        childId: f.amira.id,
        rule: "unexplained_absence_today",
        period: "2026-11-20",
        severity: "red",
        status: "resolved",
        raisedAt: at("2026-11-20T10:30:00Z"),
        answeredAt: at("2026-11-20T11:15:00Z"),
      },
      // A reminder, not an alert: left out of the dashboard's counts.
      {
        childId: f.amira.id,
        rule: "follow_up",
        period: "2026-11-30",
        severity: "amber",
        raisedAt: at("2026-11-23T09:00:00Z"),
      },
    ].map((a) => ({ ...a, dedupeKey: `${a.childId}:${a.rule}:${a.period}` })),
  });
}
