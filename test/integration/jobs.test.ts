/**
 * The job side on the real Redis: schedules, escalation to the VSH, a worker-only
 * process (ROLE=worker) doing a scan queued by the API, and the queue board's guard.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/platform/clock.js";
import { startWorker } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { until } from "../support/wait.js";

let t: TestApp;
let f: Fixture;

beforeAll(async () => {
  // The API alone (ROLE=api): it queues, it does not work.
  t = await startTestApp({ today: TODAY });
  f = await buildSmallAuthority(t.database.db);
});
afterAll(() => t.close());

/** A worker-only process over the same database and queues (ROLE=worker). */
const worker = (schedules = false) => startWorker(t, fixedClock(TODAY), schedules);

describe("a worker-only process", () => {
  it("has no HTTP app, upserts the schedules in England's time, and runs a scan the API queued", async () => {
    const w = await worker(true);
    try {
      expect(w.app).toBeNull();
      const schedulers = await w.queues.alerts.getJobSchedulers();
      const byId = Object.fromEntries(schedulers.map((s) => [s.key, s]));
      expect(byId["scan-school-days"]).toMatchObject({ pattern: "15 10 * * 1-5", tz: "Europe/London" });
      expect(byId["escalate-afternoons"]).toMatchObject({ tz: "Europe/London" });
      expect(byId.reconcile?.every).toBe(300_000);
      await w.queues.alerts.removeJobScheduler("scan-school-days");
      await w.queues.alerts.removeJobScheduler("escalate-afternoons");
      await w.queues.alerts.removeJobScheduler("reconcile");

      const res = await t.call("POST", "/api/alerts/scan", { as: PEOPLE.vsh, body: { registersClosed: true } });
      expect(res.status).toBe(202);
      await until(
        "the scan's alerts",
        async () => (await t.database.db.alert.count({ where: { rule: "no_school_place" } })) >= 2,
      );
    } finally {
      await w.close();
    }
  });
});

describe("escalation", () => {
  it("raises an alert nobody answered within 2 school days to the VSH, once", async () => {
    const db = t.database.db;
    const alert = await db.alert.create({
      data: {
        childId: f.amira.id,
        rule: "pep_overdue",
        period: "2026-11-13",
        dedupeKey: `${f.amira.id}:pep_overdue:2026-11-13`,
        severity: "red",
        raisedAt: new Date("2026-11-18T10:30:00Z"), // Wednesday: Thu, Fri, Mon have passed unanswered
        deliveries: { create: { professionalId: f.sw2.id, status: "sent" } },
      },
    });
    const fresh = await db.alert.create({
      data: {
        childId: f.amira.id,
        rule: "pep_review_due",
        period: "2026-12-18",
        dedupeKey: `${f.amira.id}:pep_review_due:2026-12-18`,
        severity: "amber",
        raisedAt: new Date("2026-11-20T10:30:00Z"), // Friday: only Monday has passed
      },
    });
    const w = await worker();
    try {
      for (let run = 0; run < 2; run++) {
        const job = await t.runtime.queues.alerts.add("escalate", {});
        await until("escalate", async () => (await job.getState()) === "completed");
      }
      const escalated = await db.alert.findUnique({
        where: { id: alert.id },
        include: { deliveries: true, events: true },
      });
      expect(escalated?.status).toBe("escalated");
      expect(escalated?.deliveries.map((d) => d.professionalId).sort()).toEqual([f.sw2.id, f.vsh.id].sort());
      expect(escalated?.events.map((e) => e.action)).toEqual(["escalated"]);
      expect((await db.alert.findUnique({ where: { id: fresh.id } }))?.status).toBe("open");
    } finally {
      await w.close();
    }
  });
});

describe("the queue board", () => {
  it("is for the VSH: a cookie from /login, nothing without it", async () => {
    expect((await fetch(`${t.base}/admin/queues`)).status).toBe(401);
    // Sign-in posts the token (hardening-input-board.test.ts tests the session itself).
    const signIn = async (email: string) =>
      fetch(`${t.base}/admin/queues/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token: await t.token(email) }),
        redirect: "manual",
      });
    expect((await signIn(PEOPLE.dtA)).status).toBe(403);
    const login = await signIn(PEOPLE.vsh);
    expect(login.status).toBe(303);
    const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect(cookie).toMatch(/^vs_board=/);
    const board = await fetch(`${t.base}/admin/queues`, { headers: { cookie } });
    expect(board.status).toBe(200);
    expect(await board.text()).toMatch(/<html/i);
    const api = await fetch(`${t.base}/admin/queues/api/queues`, { headers: { cookie } });
    expect(JSON.stringify(await api.json())).toContain("deliveries");
  });
});
