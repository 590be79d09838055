/**
 * Follow-up reminders on their day, against the real Redis: a follow-up for Friday logged
 * on Monday is not sent on Monday (its job waits until Friday 08:00 in England, and
 * neither the reconciler nor an early run of the job sends it sooner), it is sent on
 * Friday morning, and a follow-up due today is sent at once.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/platform/clock.js";
import { jobIds } from "../../jobs/queues.js";
import { alertIdOf, quiet, runJob, startWorker } from "../support/alert-jobs.js";
import { aadOf, PEOPLE, TODAY } from "../support/factories.js";
import { REDIS_URL } from "../support/redis.js";
import { useSmallAuthority } from "../support/small-authority.js";
import { installation, post } from "../support/teams.js";
import { until } from "../support/wait.js";

// TODAY is Monday 23 November 2026; England is on GMT, so London's 08:00 is 08:00Z.
const MONDAY_10AM = new Date(`${TODAY}T10:00:00Z`);
const FRIDAY = "2026-11-27";
const FRIDAY_8AM = new Date(`${FRIDAY}T08:00:00Z`);

const { t, f, stub } = useSmallAuthority({ time: "10:00", workers: true });
const redis = new Redis(REDIS_URL);

const db = () => t.database.db;
const queues = () => t.runtime.queues;
const deliveryWorker = () => {
  const w = t.runtime.workers?.deliveries;
  if (!w) throw new Error("the test app runs no workers");
  return w;
};

beforeAll(async () => {
  await post(t.base, installation({ aadObjectId: aadOf(PEOPLE.sw1) }, stub.url));
});
afterAll(() => redis.quit());

/** sw1 logs an action for Jordan with this follow-up date; resolves with the reminder's delivery. */
async function logFollowUp(followUpDate: string) {
  const res = await t.call("POST", `/api/children/${f.jordan.id}/actions`, {
    as: PEOPLE.sw1,
    body: { text: "Rang the carer about school shoes", followUpDate },
  });
  expect(res.status).toBe(201);
  const { id: actionId } = await res.json();
  const alert = await db().alert.findUniqueOrThrow({
    where: { dedupeKey: `follow_up:action:${actionId}` },
    include: { deliveries: true },
  });
  expect(alert.deliveries).toHaveLength(1);
  return { alertId: alert.id, delivery: alert.deliveries[0] as (typeof alert.deliveries)[0] };
}

const deliverJob = (id: number) => queues().deliveries.getJob(jobIds.deliver(id));
const jobState = (id: number) => queues().deliveries.getJobState(jobIds.deliver(id));
/**
 * How far from Friday 08:00 BullMQ will run a delayed job, in ms, reading the test's clock
 * (Monday 10:00) at the real now: the delayed set's score is the run time (ms) times 4096.
 */
const offFriday8am = async (id: number) => {
  const score = await redis.zscore(queues().deliveries.toKey("delayed"), jobIds.deliver(id));
  if (score === null) throw new Error(`no delayed job for delivery ${id}`);
  const left = Math.floor(Number(score) / 0x1000) - Date.now();
  return Math.abs(MONDAY_10AM.getTime() + left - FRIDAY_8AM.getTime());
};
const sendsAbout = (alertId: number) => stub.calls.filter((c) => alertIdOf(c) === alertId);
const reconcile = () => runJob(queues().alerts, "reconcile");

describe("a follow-up reminder", () => {
  it("for Friday, logged on Monday: due Friday 08:00 in England, and not sent on Monday", async () => {
    const { alertId, delivery } = await logFollowUp(FRIDAY);
    expect(delivery).toMatchObject({ status: "pending", dueAt: FRIDAY_8AM });

    // The reconciler queues it to wait for its day.
    expect(await reconcile()).toMatchObject({ requeued: 1 });
    expect(await jobState(delivery.id)).toBe("delayed");
    const job = await deliverJob(delivery.id);
    expect(job?.delay).toBe(FRIDAY_8AM.getTime() - MONDAY_10AM.getTime());

    // Run again, the reconciler leaves the waiting job alone: still one job, still Friday.
    expect(await reconcile()).toMatchObject({ requeued: 1 });
    expect(await jobState(delivery.id)).toBe("delayed");
    expect(await offFriday8am(delivery.id)).toBeLessThan(5_000);

    // Run early (another caller queuing it at once, or the job promoted), the job waits again.
    await job?.promote();
    await until("the early run to put the job back to wait", async () => (await jobState(delivery.id)) === "delayed");
    expect(await offFriday8am(delivery.id)).toBeLessThan(5_000);
    expect(sendsAbout(alertId)).toEqual([]);
    expect(await db().alertDelivery.findUnique({ where: { id: delivery.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
      sentAt: null,
    });

    // Friday morning (a worker whose clock reads Friday 08:00): the job runs and the card goes, once.
    await deliveryWorker().pause();
    const friday = await startWorker(t, fixedClock(FRIDAY, "08:00"));
    try {
      await (await deliverJob(delivery.id))?.promote();
      await until(
        "the reminder to be sent",
        async () => (await db().alertDelivery.findUnique({ where: { id: delivery.id } }))?.sentAt,
      );
      await quiet(queues().deliveries);
    } finally {
      await friday.close();
      deliveryWorker().resume();
    }
    const sends = sendsAbout(alertId);
    expect(sends.map((c) => [c.kind, c.status])).toEqual([["send", 201]]);
    expect(await db().alertDelivery.findUnique({ where: { id: delivery.id } })).toMatchObject({
      status: "sent",
      attempts: 1,
      activityId: sends[0]?.activityId,
    });
  });

  it("queued at once by a caller that does not know it is a reminder, still waits for its day", async () => {
    const { alertId, delivery } = await logFollowUp(FRIDAY);
    await queues().port.deliver([delivery.id]);
    await until("the job to wait for Friday", async () => (await jobState(delivery.id)) === "delayed");
    expect(await offFriday8am(delivery.id)).toBeLessThan(5_000);
    expect(sendsAbout(alertId)).toEqual([]);
    // Out of the way of the next test (the reconciler would queue it again, to wait).
    await (await deliverJob(delivery.id))?.remove();
    await db().alert.delete({ where: { id: alertId } });
  });

  it("due today: sent at once by the reconciler", async () => {
    const { alertId, delivery } = await logFollowUp(TODAY);
    expect(delivery).toMatchObject({ status: "pending", dueAt: null });
    await reconcile();
    await until(
      "the reminder to be sent",
      async () => (await db().alertDelivery.findUnique({ where: { id: delivery.id } }))?.sentAt,
    );
    await quiet(queues().deliveries);
    expect(sendsAbout(alertId).map((c) => [c.kind, c.status])).toEqual([["send", 201]]);
  });
});
