/**
 * When the whole-school jobs run, in England's time: the job schedulers as upserted in
 * Redis (scan weekdays 45 minutes after each register closes by the policy: 10:15 and
 * 14:30 by default; escalate weekdays 16:00; reconcile every 5 minutes; upserting again
 * changes nothing, upserting under another policy moves the scans), and an on-demand scan
 * that reads which registers have closed from the clock: the morning's from 09:30, the
 * afternoon's from 13:45, in winter (GMT) and in summer (BST).
 */
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/platform/clock.js";
import { addDays, dayOfWeek, type IsoDate, londonDateOf, londonTimeOfDayMs } from "../../core/platform/dates.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";
import { QUEUES } from "../../jobs/queues.js";
import { scanPattern, upsertSchedules } from "../../jobs/schedules.js";
import { runJob, startWorker } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { buildSmallAuthority, type Fixture, TODAY } from "../support/factories.js";
import { dropPrefix, REDIS_URL, uniquePrefix } from "../support/redis.js";

describe("the schedules in Redis", () => {
  const prefix = uniquePrefix();
  let alerts: Queue;
  beforeAll(() => {
    alerts = new Queue(QUEUES.alerts, { connection: { url: REDIS_URL }, prefix });
  });
  afterAll(async () => {
    await alerts.close();
    await dropPrefix(prefix);
  });

  /** England's wall clock ("HH:MM") and weekday (1 = Monday … 5 = Friday) at instant `ms`. */
  const inEngland = (ms: number) => {
    const minutes = Math.round(londonTimeOfDayMs(new Date(ms)) / 60_000);
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    return { time: hhmm, weekday: dayOfWeek(londonDateOf(new Date(ms))) };
  };

  it("scans at 10:15 and 14:30, escalates at 16:00 on weekdays in Europe/London, reconciles every 5 minutes; once each", async () => {
    await upsertSchedules(alerts, defaultPolicy);
    await upsertSchedules(alerts, defaultPolicy); // every instance upserts at start-up
    const schedulers = await alerts.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([
      "escalate-afternoons",
      "reconcile",
      "scan-afternoons",
      "scan-school-days",
    ]);
    const byKey = Object.fromEntries(schedulers.map((s) => [s.key, s]));

    expect(byKey["escalate-afternoons"]).toMatchObject({
      name: "escalate",
      pattern: "0 16 * * 1-5",
      tz: "Europe/London",
    });
    expect(byKey["scan-school-days"]).toMatchObject({ name: "scan", pattern: "15 10 * * 1-5", tz: "Europe/London" });
    expect(byKey["scan-afternoons"]).toMatchObject({ name: "scan", pattern: "30 14 * * 1-5", tz: "Europe/London" });
    // Neither scan says which registers have closed: the clock decides when it runs.
    for (const key of ["scan-school-days", "scan-afternoons"]) {
      expect(byKey[key]?.template?.data?.registersClosed).toBeUndefined();
    }
    expect(byKey.reconcile).toMatchObject({ name: "reconcile", every: 300_000 });

    // The next runs fall at those times on England's clock (GMT or BST, whatever today is).
    const next = (key: string) => byKey[key]?.next ?? Number.NaN;
    expect(inEngland(next("escalate-afternoons")).time).toBe("16:00");
    expect(inEngland(next("scan-school-days")).time).toBe("10:15");
    expect(inEngland(next("scan-afternoons")).time).toBe("14:30");
    for (const key of ["escalate-afternoons", "scan-school-days", "scan-afternoons"]) {
      expect([1, 2, 3, 4, 5]).toContain(inEngland(next(key)).weekday);
      expect(next(key)).toBeGreaterThan(Date.now());
    }
    // Upserting twice left one next job per scheduler.
    const counts = await alerts.getJobCounts("delayed", "waiting", "prioritized");
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("follows the policy's closing times: an afternoon register closing at 14:30 is scanned at 15:15", async () => {
    const late = policySchema.parse({ registerMorningClosesAt: "09:05", registerAfternoonClosesAt: "14:30" });
    await upsertSchedules(alerts, late);
    const byKey = Object.fromEntries((await alerts.getJobSchedulers()).map((s) => [s.key, s]));
    expect(byKey["scan-school-days"]).toMatchObject({ pattern: "50 9 * * 1-5", tz: "Europe/London" });
    expect(byKey["scan-afternoons"]).toMatchObject({ pattern: "15 15 * * 1-5", tz: "Europe/London" });
    expect(inEngland(byKey["scan-afternoons"]?.next ?? Number.NaN).time).toBe("15:15");
    expect((await alerts.getJobSchedulers()).map((s) => s.key).sort()).toHaveLength(4);
  });

  it.each([
    ["09:30", "15 10 * * 1-5"],
    ["13:15", "0 14 * * 1-5"],
    ["12:59", "44 13 * * 1-5"],
    ["23:30", "59 23 * * 1-5"],
  ])("a register closing at %s is scanned at %s", (closesAt, pattern) => {
    expect(scanPattern(closesAt)).toBe(pattern);
  });
});

describe("registers close session by session in England", () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    // The API alone: it queues the scan as POST /api/alerts/scan does; a worker on the test's clock runs it.
    t = await startTestApp({ today: TODAY });
    f = await buildSmallAuthority(t.database.db);
  });
  afterAll(() => t.close());

  /** Scans (as the schedules ask: registers left to the clock) at `time` in England on `day`. */
  async function scanAt(day: IsoDate, time: string) {
    const worker = await startWorker(t, fixedClock(day, time));
    try {
      const result = await runJob(worker.queues.alerts, "scan", {});
      expect(result.today).toBe(day);
    } finally {
      await worker.close();
    }
    const alerts = await t.database.db.alert.findMany({
      where: { rule: "unexplained_absence_today", period: { in: [day, `${day}:PM`] } },
      orderBy: { id: "asc" },
    });
    return alerts.map((a) => [a.childId, a.period, JSON.parse(a.details)]);
  }

  // Jordan and Amira were marked present on the Friday before (their schools' feeds are
  // live); today Jordan is unmarked, Amira marked present this morning only.
  it.each([
    ["in winter (GMT)", "2026-11-23"],
    ["in summer (BST)", "2027-06-14"],
  ])("%s: the morning's blank is a concern from 09:30, the afternoon's from 13:45, one alert each", async (_, day) => {
    const friday = addDays(day, -3);
    await t.database.db.attendanceMark.createMany({
      data: [f.jordan.id, f.amira.id].flatMap((childId) => [
        { childId, date: friday, session: "AM", code: "/" },
        { childId, date: friday, session: "PM", code: "\\" },
      ]),
    });
    await t.database.db.attendanceMark.create({ data: { childId: f.amira.id, date: day, session: "AM", code: "/" } });
    const jordan = [f.jordan.id, day, { date: day, am: "none", pm: "none" }];

    expect(await scanAt(day, "09:29")).toEqual([]);
    expect(await scanAt(day, "09:30")).toEqual([jordan]);
    expect(await scanAt(day, "13:44")).toEqual([jordan]);
    // The afternoon scan finds Amira's afternoon (its own key); Jordan, alerted this morning, is not alerted again.
    const amira = [f.amira.id, `${day}:PM`, { date: day, am: "/", pm: "none" }];
    expect(await scanAt(day, "13:45")).toEqual([jordan, amira]);
    expect(await scanAt(day, "14:30")).toEqual([jordan, amira]);
  });
});
