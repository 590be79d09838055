/**
 * One judgement, four readers: for the same children on Monday 23 November 2026, the
 * status card (GET /api/children/:id/status), the caseload badge (GET /api/caseload), the
 * VSH's figures (GET /api/stats) and the scan's alerts (POST /api/alerts/scan, run by a
 * worker on the same clock) agree about "absent today", a missing feed and a run of
 * unexplained absence, at 11:00 (the morning register closed, the afternoon's not) and at
 * 14:15 (both closed), over the real HTTP API and the real SQLite.
 *
 * | child | marks |
 * |---|---|
 * | Jordan | present 2–20 Nov; today U (arrived after the register closed), then `\` in the afternoon |
 * | Amira  | present 16–20 Nov; today `/` this morning, the afternoon never marked |
 * | Finn   | on roll since September, no mark at all from the school |
 * | Gail   | present 2–18 Nov, nothing since (Thu 19 and Fri 20 blank) |
 * | Hugo   | present to 23 Oct; N every school day from 2 Nov, and this morning |
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/platform/clock.js";
import { startWorker } from "../support/alert-jobs.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import { createTestDb, type TestDb } from "../support/db.js";
import {
  buildSmallAuthority,
  createTestChild,
  type Fixture,
  PEOPLE,
  registerMarks as register,
  smallAuthoritySchoolDays as schoolDays,
  TODAY,
} from "../support/factories.js";
import { until } from "../support/wait.js";

let database: TestDb;
let f: Fixture;
const ids: Record<string, number> = {};
const CHILDREN = ["Jordan", "Amira", "Finn", "Gail", "Hugo"] as const;
type Name = (typeof CHILDREN)[number];

beforeAll(async () => {
  database = await createTestDb("agreement");
  const db = database.db;
  f = await buildSmallAuthority(db);
  ids.Jordan = f.jordan.id;
  ids.Amira = f.amira.id;
  for (const [serial, name] of [
    [11, "Finn"],
    [12, "Gail"],
    [13, "Hugo"],
  ] as const) {
    const child = await createTestChild(db, { localId: `A${serial}`, firstName: name, lastName: "Test", serial });
    await db.enrolment.create({ data: { childId: child.id, schoolId: f.schoolA.id, fromDate: "2026-09-01" } });
    ids[name] = child.id;
  }
  await db.attendanceMark.createMany({
    data: [
      ...register(f.jordan.id, schoolDays("2026-11-02", "2026-11-20"), "/", "\\"),
      { childId: f.jordan.id, date: TODAY, session: "AM", code: "U" },
      ...register(f.amira.id, schoolDays("2026-11-16", "2026-11-20"), "/", "\\"),
      { childId: f.amira.id, date: TODAY, session: "AM", code: "/" },
      ...register(ids.Gail as number, schoolDays("2026-11-02", "2026-11-18"), "/", "\\"),
      ...register(ids.Hugo as number, schoolDays("2026-09-02", "2026-10-23"), "/", "\\"),
      ...register(ids.Hugo as number, schoolDays("2026-11-02", "2026-11-20"), "N", "N"),
      { childId: ids.Hugo as number, date: TODAY, session: "AM", code: "N" },
    ],
  });
});
afterAll(() => database.close());

/** The API (its clock at `time` today) and a worker on the same clock, for one look at everything. */
async function at<T>(time: string, look: (t: TestApp) => Promise<T>): Promise<T> {
  const t = await startTestApp({ today: TODAY, time, database });
  const worker = await startWorker(t, fixedClock(TODAY, time));
  try {
    return await look(t);
  } finally {
    await worker.close();
    await t.close();
  }
}

async function scan(t: TestApp, body: object) {
  const res = await t.call("POST", "/api/alerts/scan", { as: PEOPLE.vsh, body });
  expect(res.status).toBe(202);
  const { jobId } = await res.json();
  await until("the scan", async () => (await t.runtime.queues.alerts.getJobState(jobId)) === "completed");
}

/** Each reader's answer per child, and the figures. */
async function readers(t: TestApp) {
  const get = async (path: string): Promise<Json> => (await t.call("GET", path, { as: PEOPLE.vsh })).json();
  const cards = Object.fromEntries(
    await Promise.all(CHILDREN.map(async (name) => [name, await get(`/api/children/${ids[name]}/status`)] as const)),
  ) as Record<Name, Json>;
  const caseload: Json = await get("/api/caseload");
  const stats: Json = await get("/api/stats");
  const alerts = await database.db.alert.findMany({ orderBy: { id: "asc" } });
  const nameOf = (childId: number) => CHILDREN.find((n) => ids[n] === childId);
  const flagged = (code: string) => CHILDREN.filter((n) => cards[n].flags.some((x: Json) => x.code === code)).sort();
  const badged = (code: string) =>
    caseload.items
      .filter((c: Json) => c.badges.some((b: Json) => b.code === code))
      .map((c: Json) => nameOf(c.id))
      .filter(Boolean)
      .sort();
  const alerted = (rule: string) =>
    alerts
      .filter((a) => a.rule === rule)
      .map((a) => nameOf(a.childId))
      .filter(Boolean)
      .sort();
  return { cards, stats, alerts, flagged, badged, alerted };
}

describe("at 11:00: the morning register has closed, the afternoon's has not", () => {
  let r: Awaited<ReturnType<typeof readers>>;
  beforeAll(async () => {
    r = await at("11:00", async (t) => {
      await scan(t, { registersClosed: { am: true, pm: false } });
      return readers(t);
    });
  });

  it("absent today: Hugo's N only; not Jordan's U, not Amira's afternoon, not the silent feeds", () => {
    expect(r.flagged("unexplained_absence_today")).toEqual(["Hugo"]);
    expect(r.badged("unexplained_absence_today")).toEqual(["Hugo"]);
    expect(r.alerted("unexplained_absence_today")).toEqual(["Hugo"]);
    expect(r.stats.attendance.unexplainedAbsenceToday).toBe(1);
    expect(r.cards.Jordan.attendance.today).toMatchObject({ am: "U", unexplainedToday: false });
    expect(r.cards.Amira.attendance.today).toMatchObject({ am: "/", pm: null, unexplainedSessions: [] });
  });

  it("no attendance data: Finn since the first school day, Gail since Thursday; on the card and in the figures", () => {
    expect(r.flagged("no_attendance_data")).toEqual(["Finn", "Gail"]);
    expect(r.stats.attendance.noAttendanceData).toBe(2);
    // 2 Sep to Fri 20 Nov: 3 + 35 (7 Sep – 23 Oct) + 15 (2–20 Nov) = 53 school days.
    expect(r.cards.Finn.attendance.dataGap).toEqual({ since: "2026-09-02", schoolDays: 53, lastMark: null });
    expect(r.cards.Gail.attendance.dataGap).toEqual({ since: "2026-11-19", schoolDays: 2, lastMark: "2026-11-18" });
    expect(r.cards.Gail.flags.find((x: Json) => x.code === "no_attendance_data")).toMatchObject({
      severity: "amber",
      text: expect.stringContaining("No attendance data since 19 Nov 2026"),
    });
  });

  it("a missing feed is never a missing child: only Hugo's run, the same 16 school days on the card and the alert", () => {
    for (const code of ["missing_education", "roll_removal_risk"]) {
      expect(r.flagged(code)).toEqual(code === "missing_education" ? ["Hugo"] : []);
    }
    expect(r.alerted("missing_education")).toEqual(["Hugo"]);
    const alert = r.alerts.find((a) => a.rule === "missing_education");
    const run = r.cards.Hugo.attendance.currentUnexplainedRun;
    expect(run).toEqual({ days: 16, from: "2026-11-02", to: TODAY });
    expect(JSON.parse(alert?.details ?? "{}")).toEqual({ from: run.from, to: run.to, schoolDays: run.days });
  });

  it("U is unauthorised absence in Jordan's rates all the same", () => {
    expect(r.cards.Jordan.attendance).toMatchObject({ unauthorisedAbsence: 1, currentUnexplainedRun: null });
  });
});

describe("at 14:15: both registers have closed", () => {
  let r: Awaited<ReturnType<typeof readers>>;
  beforeAll(async () => {
    // Jordan's school takes the afternoon register; Amira's never marks her afternoon.
    await database.db.attendanceMark.create({
      data: { childId: f.jordan.id, date: TODAY, session: "PM", code: "\\" },
    });
    r = await at("14:15", async (t) => {
      await scan(t, {});
      return readers(t);
    });
  });

  it("Amira's blank afternoon joins Hugo: on the card, the caseload, the figures and one new alert", () => {
    expect(r.flagged("unexplained_absence_today")).toEqual(["Amira", "Hugo"]);
    expect(r.badged("unexplained_absence_today")).toEqual(["Amira", "Hugo"]);
    expect(r.alerted("unexplained_absence_today")).toEqual(["Amira", "Hugo"]);
    expect(r.stats.attendance.unexplainedAbsenceToday).toBe(2);
    const amira = r.cards.Amira.flags.find((x: Json) => x.code === "unexplained_absence_today");
    expect(amira.text).toBe("Unexplained absence today (PM no mark).");
    const alert = r.alerts.find((a) => a.rule === "unexplained_absence_today" && a.childId === f.amira.id);
    expect(JSON.parse(alert?.details ?? "{}")).toEqual({ date: TODAY, am: "/", pm: "none" });
  });

  it("Hugo, alerted this morning, is not alerted again; the silent feeds stay a data gap", () => {
    expect(r.alerts.filter((a) => a.childId === ids.Hugo && a.rule === "unexplained_absence_today")).toHaveLength(1);
    expect(r.flagged("no_attendance_data")).toEqual(["Finn", "Gail"]);
    expect(r.stats.attendance.noAttendanceData).toBe(2);
    const attendanceRules = ["unexplained_absence_today", "missing_education", "persistent_absence", "severe_absence"];
    for (const name of ["Finn", "Gail"] as const) {
      const rules = r.alerts.filter((a) => a.childId === ids[name]).map((a) => a.rule);
      expect(rules.filter((rule) => attendanceRules.includes(rule))).toEqual([]);
    }
  });
});
