/**
 * A feed outage between unexplained marks is not a run of absence, and the card, the
 * caseload and the scan's alert say so together: on Monday 23 November 2026 at 11:00 (the
 * morning register closed), over the real HTTP API and SQLite, with the caseload's badges
 * in the card's colours.
 *
 * | child | marks |
 * |---|---|
 * | Ivy  | present to 23 Oct; O on 2 Nov; nothing 3–6 Nov; N 9–20 Nov and this morning |
 * | Jade | present to 23 Oct; O on 2 Nov; nothing 3–13 Nov; N 16–20 Nov and this morning |
 * | Kit  | present 2–18 Nov, nothing since (Thu 19 and Fri 20 blank) |
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/platform/clock.js";
import { runJob, startWorker } from "../support/alert-jobs.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import {
  buildSmallAuthority,
  createTestChild,
  PEOPLE,
  registerMarks as register,
  smallAuthoritySchoolDays as schoolDays,
  TODAY,
} from "../support/factories.js";

const CHILDREN = ["Ivy", "Jade", "Kit"] as const;
type Name = (typeof CHILDREN)[number];
const ids = {} as Record<Name, number>;
let t: TestApp;

let cards: Record<Name, Json>;
let caseload: Json;
let alerts: { childId: number; rule: string; period: string; details: string }[];

beforeAll(async () => {
  t = await startTestApp({ today: TODAY, time: "11:00" });
  const db = t.database.db;
  const f = await buildSmallAuthority(db);
  for (const [serial, name] of [
    [21, "Ivy"],
    [22, "Jade"],
    [23, "Kit"],
  ] as const) {
    const child = await createTestChild(db, { localId: `O${serial}`, firstName: name, lastName: "Test", serial });
    await db.enrolment.create({ data: { childId: child.id, schoolId: f.schoolA.id, fromDate: "2026-09-01" } });
    ids[name] = child.id;
  }
  await db.attendanceMark.createMany({
    data: [
      ...register(ids.Ivy, schoolDays("2026-09-02", "2026-10-23"), "/", "\\"),
      ...register(ids.Ivy, ["2026-11-02"], "O", "O"),
      ...register(ids.Ivy, schoolDays("2026-11-09", "2026-11-20"), "N", "N"),
      { childId: ids.Ivy, date: TODAY, session: "AM", code: "N" },
      ...register(ids.Jade, schoolDays("2026-09-02", "2026-10-23"), "/", "\\"),
      ...register(ids.Jade, ["2026-11-02"], "O", "O"),
      ...register(ids.Jade, schoolDays("2026-11-16", "2026-11-20"), "N", "N"),
      { childId: ids.Jade, date: TODAY, session: "AM", code: "N" },
      ...register(ids.Kit, schoolDays("2026-11-02", "2026-11-18"), "/", "\\"),
    ],
  });
  const worker = await startWorker(t, fixedClock(TODAY, "11:00"));
  try {
    await runJob(worker.queues.alerts, "scan", {});
  } finally {
    await worker.close();
  }
  const get = async (path: string): Promise<Json> => (await t.call("GET", path, { as: PEOPLE.vsh })).json();
  cards = Object.fromEntries(
    await Promise.all(CHILDREN.map(async (name) => [name, await get(`/api/children/${ids[name]}/status`)] as const)),
  ) as Record<Name, Json>;
  caseload = await get("/api/caseload");
  alerts = await db.alert.findMany({ where: { childId: { in: Object.values(ids) } }, orderBy: { id: "asc" } });
});
afterAll(() => t.close());

const flags = (name: Name) => cards[name].flags.map((x: Json) => [x.code, x.severity]);
const badges = (name: Name) =>
  caseload.items.find((c: Json) => c.id === ids[name]).badges.map((b: Json) => [b.code, b.severity]);
const alerted = (name: Name, rule: string) =>
  alerts.filter((a) => a.childId === ids[name] && a.rule === rule).map((a) => [a.period, JSON.parse(a.details)]);

describe("a feed outage inside a run of unexplained absence", () => {
  it("Ivy: 4 blank school days break the run; the 11 days since 9 Nov are still missing education, everywhere", () => {
    const run = { days: 11, from: "2026-11-09", to: TODAY };
    expect(cards.Ivy.attendance.currentUnexplainedRun).toEqual(run);
    expect(flags("Ivy")).toContainEqual(["missing_education", "red"]);
    expect(badges("Ivy")).toContainEqual(["missing_education", "red"]);
    expect(alerted("Ivy", "missing_education")).toEqual([[run.from, { from: run.from, to: run.to, schoolDays: 11 }]]);
  });

  it("Jade: O on 2 Nov and the school's silence to 13 Nov are not 16 days missing: 6 days since 16 Nov, nowhere missing education", () => {
    expect(cards.Jade.attendance.currentUnexplainedRun).toEqual({ days: 6, from: "2026-11-16", to: TODAY });
    expect(flags("Jade").map(([code]: string[]) => code)).not.toContain("missing_education");
    expect(badges("Jade").map(([code]: string[]) => code)).not.toContain("missing_education");
    expect(alerted("Jade", "missing_education")).toEqual([]);
  });
});

describe("the caseload in the card's colours", () => {
  it.each(["Ivy", "Jade"] as const)("%s absent this morning: amber on the card, the caseload and the alert", (name) => {
    expect(flags(name)).toContainEqual(["unexplained_absence_today", "amber"]);
    expect(badges(name)).toContainEqual(["unexplained_absence_today", "amber"]);
    expect(alerts.find((a) => a.childId === ids[name] && a.rule === "unexplained_absence_today")).toMatchObject({
      period: TODAY,
      severity: "amber",
    });
  });

  it("Kit's school has gone quiet: no attendance data, amber on the card and the caseload, no alert", () => {
    expect(flags("Kit")).toContainEqual(["no_attendance_data", "amber"]);
    expect(badges("Kit")).toContainEqual(["no_attendance_data", "amber"]);
    const attendance = ["unexplained_absence_today", "missing_education", "persistent_absence", "severe_absence"];
    expect(alerts.filter((a) => a.childId === ids.Kit && attendance.includes(a.rule))).toEqual([]);
  });
});
