/**
 * What a scan treats as news (core/alerts/digest-plan.ts), on the real database: severe
 * absence supersedes persistent absence for the same child, raised in the same scan or
 * still open from an earlier one; a suspension whose last school day is before today is
 * not alerted, one running today or recorded ahead is. A rerouted copy names whose it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../core/alerts/scan.js";
import { createCalendarRepo } from "../../core/calendar/calendar.repo.js";
import { fixedClock } from "../../core/platform/clock.js";
import { defaultPolicy } from "../../core/policy.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { buildSmallAuthority, createTestChild, type Fixture, LA, TODAY } from "../support/factories.js";
import { recordingQueue } from "../support/queue-stub.js";

let database: TestDb;
let f: Fixture;
const { queue } = recordingQueue();
const db = () => database.db;
const scan = () =>
  runScan(
    {
      db: db(),
      clock: fixedClock(TODAY, "16:30"),
      calendars: createCalendarRepo(db(), LA),
      policy: defaultPolicy,
      queue,
    },
    { registersClosed: true },
  );

/** School days 2–20 November 2026 (after half-term): 15 days, 30 sessions. */
const NOVEMBER = Array.from({ length: 19 }, (_, i) => `2026-11-${String(i + 2).padStart(2, "0")}`).filter(
  (d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()),
);

let serial = 300;
/** A looked-after child of sw1's at school A, with `absentDays` of the 15 off ill (authorised), present today. */
async function childAbsent(absentDays: number) {
  serial += 1;
  const child = await createTestChild(db(), {
    localId: `DG${serial}`,
    firstName: "Robin",
    lastName: `D${serial}`,
    serial,
  });
  await db().allocation.create({
    data: { childId: child.id, professionalId: f.sw1.id, role: "social_worker", fromDate: "2024-01-15" },
  });
  await db().enrolment.create({ data: { childId: child.id, schoolId: f.schoolA.id, fromDate: "2024-09-01" } });
  const days = [...NOVEMBER, TODAY];
  await db().attendanceMark.createMany({
    data: days.flatMap((date, i) =>
      (["AM", "PM"] as const).map((session) => ({
        childId: child.id,
        date,
        session,
        code: i < absentDays ? "I" : session === "AM" ? "/" : "\\",
      })),
    ),
  });
  return child.id;
}

/** The rules this file is about (a new child's PEP is owed too: not its business). */
const ABOUT = ["persistent_absence", "severe_absence", "suspension"];
const rulesOf = async (childId: number) =>
  (await db().alert.findMany({ where: { childId, rule: { in: ABOUT } }, orderBy: { id: "asc" } })).map((a) => a.rule);

beforeAll(async () => {
  database = await createTestDb("digest-news");
  f = await buildSmallAuthority(db());
});
afterAll(() => database.close());

describe("severe absence supersedes persistent absence", () => {
  it("raised in the same scan: only the severe alert, to the VSH, DT and social worker", async () => {
    const child = await childAbsent(10); // 20 of 32 sessions: 62.5%
    await scan();
    expect(await rulesOf(child)).toEqual(["severe_absence"]);
    const severe = await db().alert.findFirst({
      where: { childId: child, rule: "severe_absence" },
      include: { deliveries: true },
    });
    expect(severe?.deliveries.map((d) => d.professionalId)).toEqual(expect.arrayContaining([f.sw1.id, f.dtA.id]));
  });

  it("a child only persistently absent still gets the persistent alert", async () => {
    const child = await childAbsent(3); // 6 of 32 sessions: 18.75%
    await scan();
    expect(await rulesOf(child)).toEqual(["persistent_absence"]);
  });

  it("severe still open from an earlier scan: no persistent alert now", async () => {
    const child = await childAbsent(3);
    await db().alert.create({
      data: {
        childId: child,
        rule: "severe_absence",
        dedupeKey: `${child}:severe_absence:earlier`,
        period: "earlier",
        severity: "red",
        status: "acknowledged",
        details: "{}",
        raisedAt: new Date("2026-11-10T16:30:00Z"),
      },
    });
    await scan();
    expect(await rulesOf(child)).toEqual(["severe_absence"]);
  });

  it("severe resolved: persistent absence is news again", async () => {
    const child = await childAbsent(3);
    await db().alert.create({
      data: {
        childId: child,
        rule: "severe_absence",
        dedupeKey: `${child}:severe_absence:gone`,
        period: "gone",
        severity: "red",
        status: "resolved",
        details: "{}",
        raisedAt: new Date("2026-11-10T16:30:00Z"),
      },
    });
    await scan();
    expect(await rulesOf(child)).toEqual(["severe_absence", "persistent_absence"]);
  });
});

describe("suspensions that ended before the scan are not news", () => {
  const suspend = (childId: number, startDate: string, days: number) =>
    db().exclusion.create({ data: { childId, schoolId: f.schoolA.id, kind: "suspension", startDate, days } });

  it("ended last week: no alert; running today: alerted; recorded ahead: alerted", async () => {
    const ended = await childAbsent(0);
    const running = await childAbsent(0);
    const ahead = await childAbsent(0);
    await suspend(ended, "2026-11-16", 2); // Mon 16 – Tue 17 Nov
    const today = await suspend(running, "2026-11-20", 2); // Fri 20 – Mon 23 Nov (today)
    await suspend(ahead, "2026-11-25", 1);
    await scan();
    expect(await rulesOf(ended)).toEqual([]);
    expect(await rulesOf(running)).toEqual(["suspension"]);
    expect(await rulesOf(ahead)).toEqual(["suspension"]);
    const alert = await db().alert.findFirst({ where: { childId: running, rule: "suspension" } });
    expect(JSON.parse(alert?.details ?? "{}").exclusionId).toBe(today.id);
  });

  it("a second scan adds nothing (deduplicated as before)", async () => {
    const count = await db().alert.count();
    await scan();
    expect(await db().alert.count()).toBe(count);
  });
});
