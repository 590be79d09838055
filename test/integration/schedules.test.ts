/**
 * When the whole-school jobs run, in England's time: the job schedulers as upserted in
 * Redis (scan weekdays 10:30, escalate weekdays 16:00, reconcile every 5 minutes; upserting
 * again changes nothing), and an on-demand scan that treats an unmarked register as a
 * concern from 10:00 in England, not before, in winter (GMT) and in summer (BST).
 */
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/platform/clock.js";
import { dayOfWeek, type IsoDate, londonDateOf, londonTimeOfDayMs } from "../../core/platform/dates.js";
import { QUEUES } from "../../jobs/queues.js";
import { upsertSchedules } from "../../jobs/schedules.js";
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

  it("scan at 10:30 and escalate at 16:00 on weekdays in Europe/London, reconcile every 5 minutes; once each", async () => {
    await upsertSchedules(alerts);
    await upsertSchedules(alerts); // every instance upserts at start-up
    const schedulers = await alerts.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(["escalate-afternoons", "reconcile", "scan-school-days"]);
    const byKey = Object.fromEntries(schedulers.map((s) => [s.key, s]));

    expect(byKey["escalate-afternoons"]).toMatchObject({
      name: "escalate",
      pattern: "0 16 * * 1-5",
      tz: "Europe/London",
    });
    expect(byKey["scan-school-days"]).toMatchObject({ name: "scan", pattern: "30 10 * * 1-5", tz: "Europe/London" });
    expect(byKey["scan-school-days"]?.template?.data).toEqual({ registersClosed: true });
    expect(byKey.reconcile).toMatchObject({ name: "reconcile", every: 300_000 });

    // The next runs fall at those times on England's clock (GMT or BST, whatever today is).
    const next = (key: string) => byKey[key]?.next ?? Number.NaN;
    expect(inEngland(next("escalate-afternoons")).time).toBe("16:00");
    expect(inEngland(next("scan-school-days")).time).toBe("10:30");
    for (const key of ["escalate-afternoons", "scan-school-days"]) {
      expect([1, 2, 3, 4, 5]).toContain(inEngland(next(key)).weekday);
      expect(next(key)).toBeGreaterThan(Date.now());
    }
    // Upserting twice left one next job per scheduler.
    const counts = await alerts.getJobCounts("delayed", "waiting", "prioritized");
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe("registers close at 10:00 in England", () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    // The API alone: it queues the scan as POST /api/alerts/scan does; a worker on the test's clock runs it.
    t = await startTestApp({ today: TODAY });
    f = await buildSmallAuthority(t.database.db);
  });
  afterAll(() => t.close());

  /** Scans (as asked for on demand: registersClosed left to the clock) at `time` in England on `day`. */
  async function scanAt(day: IsoDate, time: string) {
    const worker = await startWorker(t, fixedClock(day, time));
    try {
      await runJob(worker.queues.alerts, "scan", {});
    } finally {
      await worker.close();
    }
    return t.database.db.alert.findMany({
      where: { childId: f.jordan.id, rule: "unexplained_absence_today", period: day },
    });
  }

  // Jordan is on roll and nobody has marked today's register.
  it.each([
    ["in winter (GMT)", "2026-11-23"],
    ["in summer (BST)", "2027-06-14"],
  ])("%s: an unmarked register is no concern at 09:59, and is one at 10:00", async (_, day) => {
    expect(await scanAt(day, "09:59")).toEqual([]);
    const alerts = await scanAt(day, "10:00");
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]?.details ?? "{}")).toEqual({ date: day, am: "none", pm: "none" });
  });
});
