/**
 * Answering an absence alert writes to the register of the day the alert is about, and
 * only to sessions whose register had closed, over the real Teams invoke, on Monday 23
 * November 2026 at different times of day (09:10 before any register closed, 10:50 after
 * the morning's, 14:30 after both). An answer that would write nothing is refused with a
 * sentence the card shows, and leaves the alert open. And the afternoon has its own alert:
 * a child put in school this morning and gone after lunch is alerted again at 14:15.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertRule } from "../../core/alerts/alert.types.js";
import { fixedClock } from "../../core/platform/clock.js";
import { answerCard, outboxAlert, runJob, startWorker } from "../support/alert-jobs.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { aadOf, buildSmallAuthority, createTestChild, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { installation, post } from "../support/teams.js";

const FRIDAY = "2026-11-20";
const CARD = "application/vnd.microsoft.card.adaptive";
const MESSAGE = "application/vnd.microsoft.activity.message";

let database: TestDb;
let stub: ConnectorStub;
let f: Fixture;
let serial = 60;
const db = () => database.db;

beforeAll(async () => {
  stub = await startConnectorStub();
  database = await createTestDb("answers-register");
  f = await buildSmallAuthority(db());
});
afterAll(async () => {
  await database.close();
  await stub.close();
});

/** The API with its clock at `time` on `day`, the DT installed, for the tests inside. */
function at(time: string, day = TODAY) {
  const holder: { t?: TestApp } = {};
  beforeAll(async () => {
    holder.t = await startTestApp({ today: day, time, database });
    await post(holder.t.base, installation({ aadObjectId: aadOf(PEOPLE.dtA) }, stub.url));
  });
  afterAll(() => holder.t?.close());
  return () => holder.t as TestApp;
}

/** A child at the DT's school, present on Friday (the feed is live), with `marks` as [date, session, code]. */
async function childWith(marks: [string, string, string][]) {
  serial += 1;
  const child = await createTestChild(db(), { localId: `R${serial}`, firstName: "Sam", lastName: "Test", serial });
  await db().enrolment.create({ data: { childId: child.id, schoolId: f.schoolA.id, fromDate: "2026-09-01" } });
  const rows: [string, string, string][] = [[FRIDAY, "AM", "/"], [FRIDAY, "PM", "\\"], ...marks];
  // A later row for the same session replaces the earlier (Friday's absences in a test).
  for (const [date, session, code] of rows) {
    await db().attendanceMark.upsert({
      where: { childId_date_session: { childId: child.id, date, session } },
      create: { childId: child.id, date, session, code },
      update: { code },
    });
  }
  return child.id;
}

/** An alert about `childId` to the DT, as the scan writes it. */
async function alertFor(childId: number, rule: AlertRule, details: Record<string, string | number>) {
  const alert = await outboxAlert(db(), {
    childId,
    recipientIds: [f.dtA.id],
    raisedAt: new Date(`${TODAY}T08:00:00Z`),
    rule,
    details,
  });
  return alert.alertId;
}

async function answer(t: TestApp, verb: string, data: Record<string, string | number | boolean>): Promise<Json> {
  const res = await answerCard(t.base, stub.url, { aadObjectId: aadOf(PEOPLE.dtA) }, verb, data);
  expect(res.status).toBe(200);
  return res.body;
}

async function register(childId: number, date: string) {
  const marks = await db().attendanceMark.findMany({ where: { childId, date }, orderBy: { session: "asc" } });
  return marks.map((m) => [m.session, m.code]);
}

async function history(alertId: number) {
  const alert = await db().alert.findUniqueOrThrow({ where: { id: alertId }, include: { events: true } });
  return { status: alert.status, events: alert.events.map((e) => [e.action, e.detail]) };
}

describe("at 09:10, before the morning register has closed", () => {
  const app = at("09:10");

  it("Friday's alert, answered in school on Monday morning: Friday's register, both sessions", async () => {
    const childId = await childWith([
      [FRIDAY, "AM", "N"],
      [FRIDAY, "PM", "O"],
    ]);
    const alertId = await alertFor(childId, "unexplained_absence_today", { date: FRIDAY, am: "N", pm: "O" });
    const card = await answer(app(), "alert.present", { alertId, late: false });
    expect(card.type).toBe(CARD);
    expect(await register(childId, FRIDAY)).toEqual([
      ["AM", "/"],
      ["PM", "\\"],
    ]);
    expect(await register(childId, TODAY)).toEqual([]);
    expect(await history(alertId)).toEqual({ status: "resolved", events: [["present", "/"]] });
  });

  it.each([
    ["today's alert, in school", "unexplained_absence_today", "alert.present", { late: false }],
    ["today's alert, a reason", "unexplained_absence_today", "alert.reason", { code: "M" }],
    ["a missing-education alert, in school (meaning today)", "missing_education", "alert.present", { late: false }],
  ] as [string, AlertRule, string, Record<string, string | boolean>][])(
    "%s: refused, nothing written, the alert still open",
    async (_name, rule, verb, data) => {
      const childId = await childWith([]);
      const details: Record<string, string | number> =
        rule === "missing_education"
          ? { from: "2026-11-02", to: FRIDAY, schoolDays: 15 }
          : { date: TODAY, am: "none", pm: "none" };
      const alertId = await alertFor(childId, rule, details);
      const reply = await answer(app(), verb, { alertId, ...data });
      expect(reply.type).toBe(MESSAGE);
      expect(reply.value).toContain(
        "Nothing to mark for Mon 23 Nov 2026: the morning and afternoon registers have not closed yet.",
      );
      expect(await register(childId, TODAY)).toEqual([]);
      expect(await history(alertId)).toEqual({ status: "open", events: [] });
    },
  );
});

describe("at 10:50, the morning register closed, the afternoon's not", () => {
  const app = at("10:50");

  it("a reason writes the morning only: the afternoon is the school's to take", async () => {
    const childId = await childWith([[TODAY, "AM", "N"]]);
    const alertId = await alertFor(childId, "unexplained_absence_today", { date: TODAY, am: "N", pm: "none" });
    await answer(app(), "alert.reason", { alertId, code: "M" });
    expect(await register(childId, TODAY)).toEqual([["AM", "M"]]);
    expect(await history(alertId)).toEqual({ status: "resolved", events: [["reason", "M"]] });
  });

  it("missing education answered in school: today's morning, not the run's past days", async () => {
    const childId = await childWith([
      [FRIDAY, "AM", "N"],
      [FRIDAY, "PM", "N"],
      [TODAY, "AM", "N"],
    ]);
    const alertId = await alertFor(childId, "missing_education", { from: "2026-11-02", to: TODAY, schoolDays: 16 });
    await answer(app(), "alert.present", { alertId, late: true });
    expect(await register(childId, TODAY)).toEqual([["AM", "L"]]);
    expect(await register(childId, FRIDAY)).toEqual([
      ["AM", "N"],
      ["PM", "N"],
    ]);
    expect(await history(alertId)).toEqual({ status: "resolved", events: [["late", "L"]] });
  });

  it("an alert whose day the school has since explained: refused, saying what the register holds", async () => {
    const childId = await childWith([[TODAY, "AM", "I"]]);
    const alertId = await alertFor(childId, "unexplained_absence_today", { date: TODAY, am: "N", pm: "none" });
    const reply = await answer(app(), "alert.present", { alertId, late: false });
    expect(reply.type).toBe(MESSAGE);
    expect(reply.value).toContain("Nothing to mark for Mon 23 Nov 2026: the afternoon register has not closed yet.");
    expect(await history(alertId)).toEqual({ status: "open", events: [] });
  });
});

describe("on a Saturday", () => {
  const app = at("10:50", "2026-11-28");

  it("missing education answered in school: no register today, refused", async () => {
    const childId = await childWith([[FRIDAY, "AM", "N"]]);
    const alertId = await alertFor(childId, "missing_education", { from: "2026-11-09", to: FRIDAY, schoolDays: 10 });
    const reply = await answer(app(), "alert.present", { alertId, late: false });
    expect(reply.value).toContain("Today is not a school day at the child's school");
    expect(await register(childId, "2026-11-28")).toEqual([]);
    expect(await history(alertId)).toEqual({ status: "open", events: [] });
  });
});

describe("in school this morning, gone after lunch", () => {
  const app = at("10:50");
  const afternoon = at("14:30");

  /** Scans as the schedules do, the registers left to the clock at `time` today. */
  async function scanAt(time: string) {
    const worker = await startWorker(app(), fixedClock(TODAY, time));
    try {
      await runJob(worker.queues.alerts, "scan", {});
    } finally {
      await worker.close();
    }
  }

  it("the 14:15 scan raises the afternoon's alert; answering it writes the afternoon only", async () => {
    const childId = await childWith([[TODAY, "AM", "N"]]);
    await scanAt("10:30");
    const morning = await db().alert.findFirstOrThrow({ where: { childId, rule: "unexplained_absence_today" } });
    expect(morning.period).toBe(TODAY);
    await answer(app(), "alert.present", { alertId: morning.id, late: false });
    expect(await register(childId, TODAY)).toEqual([["AM", "/"]]);

    await scanAt("14:15");
    const alerts = await db().alert.findMany({
      where: { childId, rule: "unexplained_absence_today" },
      orderBy: { id: "asc" },
    });
    expect(alerts.map((a) => [a.period, JSON.parse(a.details)])).toEqual([
      [TODAY, { date: TODAY, am: "N", pm: "none" }],
      [`${TODAY}:PM`, { date: TODAY, am: "/", pm: "none" }],
    ]);
    const pm = alerts[1]?.id ?? -1;
    await answer(afternoon(), "alert.present", { alertId: pm, late: false });
    expect(await register(childId, TODAY)).toEqual([
      ["AM", "/"],
      ["PM", "\\"],
    ]);
    expect(await history(pm)).toEqual({ status: "resolved", events: [["present", "\\"]] });
    // A third scan finds nothing new: each session has had its one alert.
    await scanAt("15:00");
    expect(await db().alert.count({ where: { childId, rule: "unexplained_absence_today" } })).toBe(2);
  });
});
