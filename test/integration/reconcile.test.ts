/**
 * The reconciler against jobs Redis still holds: a delivery whose job is waiting or
 * delayed is left to that job (one card, sent when the job says, never a second), a
 * delivery whose job failed after its retries is queued again and sent once, and a
 * delivery Teams refused for good is marked failed and never sent again. Each test
 * writes its own alerts and reads only the stub calls about them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobIds } from "../../jobs/queues.js";
import { alertIdOf, type OutboxAlert, outboxAlert, quiet, runJob } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { installation, post } from "../support/teams.js";
import { until } from "../support/wait.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

const db = () => t.database.db;
const queues = () => t.runtime.queues;
const deliveryWorker = () => {
  const w = t.runtime.workers?.deliveries;
  if (!w) throw new Error("the test app runs no workers");
  return w;
};

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, workers: true });
  f = await buildSmallAuthority(db());
  for (const who of ["sw1", "vsh"] as const) {
    await post(t.base, installation({ aadObjectId: aadOf(PEOPLE[who]) }, stub.url));
  }
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

/** An alert about Amira for the given people, raised today at 10:30 (England). */
const alertFor = (recipientIds: number[]): Promise<OutboxAlert> =>
  outboxAlert(db(), { childId: f.amira.id, recipientIds, raisedAt: new Date(`${TODAY}T10:30:00Z`) });

/** Every call the stub got about these alerts, in arrival order. */
const callsAbout = (...alertIds: number[]) => stub.calls.filter((c) => alertIds.includes(alertIdOf(c) ?? -1));

const jobState = (deliveryId: number) => queues().deliveries.getJobState(jobIds.deliver(deliveryId));

const reconcile = () => runJob(queues().alerts, "reconcile");

describe("the reconciler, with jobs still in Redis", () => {
  it("leaves deliveries whose jobs are waiting to those jobs: each card is sent once", async () => {
    const alerts: OutboxAlert[] = [];
    await deliveryWorker().pause();
    try {
      for (let i = 0; i < 3; i++) alerts.push(await alertFor([f.sw1.id, f.vsh.id]));
      const ids = alerts.flatMap((a) => a.deliveryIds);
      expect(ids).toHaveLength(6);
      await queues().port.deliver(ids);
      expect(await Promise.all(ids.map(jobState))).toEqual(ids.map(() => "waiting"));

      expect(await reconcile()).toEqual({ requeued: 6, cardsUpdated: 0 });
      // Still one job per delivery, all still waiting: nothing was added beside them.
      expect(await queues().deliveries.getJobCounts("waiting", "active", "delayed")).toEqual({
        waiting: 6,
        active: 0,
        delayed: 0,
      });
    } finally {
      deliveryWorker().resume();
    }
    await quiet(queues().deliveries);

    const alertIds = alerts.map((a) => a.alertId);
    const ids = alerts.flatMap((a) => a.deliveryIds);
    const sends = callsAbout(...alertIds);
    expect(sends).toHaveLength(6);
    expect(sends.every((c) => c.kind === "send" && c.status === 201)).toBe(true);
    const rows = await db().alertDelivery.findMany({ where: { id: { in: ids } } });
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    expect(rows.map((r) => r.activityId).sort()).toEqual(sends.map((c) => c.activityId).sort());
  });

  it("leaves a delivery whose job is delayed (Retry-After) to that job: sent once, after the wait", async () => {
    const { alertId, deliveryIds } = await alertFor([f.sw1.id]);
    const [id] = deliveryIds as [number];
    stub.inject({ status: 429, times: 1, retryAfterSeconds: 2, match: (c) => alertIdOf(c) === alertId });
    await queues().port.deliver([id]);
    await until("the job to wait out Retry-After", async () => (await jobState(id)) === "delayed");

    expect(await reconcile()).toEqual({ requeued: 1, cardsUpdated: 0 });
    const reconciledAt = Date.now();
    expect(await jobState(id)).toBe("delayed");

    await until("the card to be sent", async () => (await db().alertDelivery.findUnique({ where: { id } }))?.sentAt);
    await quiet(queues().deliveries);
    const calls = callsAbout(alertId);
    expect(calls.map((c) => c.status)).toEqual([429, 201]);
    const [refused, sent] = calls as [(typeof calls)[0], (typeof calls)[0]];
    // The reconciler ran while the job waited, and the card still went only when Teams said.
    expect(sent.at).toBeGreaterThan(reconciledAt);
    expect(sent.at - refused.at).toBeGreaterThanOrEqual(1_950);
    expect(await db().alertDelivery.findUnique({ where: { id } })).toMatchObject({
      status: "sent",
      activityId: sent.activityId,
      attempts: 2,
    });
  });

  it("queues again a delivery whose job failed after its retries, and it is sent once", async () => {
    const { alertId, deliveryIds } = await alertFor([f.sw1.id]);
    const [id] = deliveryIds as [number];
    stub.inject({ status: 503, times: 2, match: (c) => alertIdOf(c) === alertId });
    // The production job with a short test backoff: two attempts, 50 ms apart.
    await queues().deliveries.add(
      "deliver",
      { deliveryId: id },
      { jobId: jobIds.deliver(id), attempts: 2, backoff: { type: "fixed", delay: 50 } },
    );
    await until("the job to fail", async () => (await jobState(id)) === "failed");
    expect(await db().alertDelivery.findUnique({ where: { id } })).toMatchObject({ status: "pending", attempts: 2 });

    expect(await reconcile()).toEqual({ requeued: 1, cardsUpdated: 0 });
    await until("the card to be sent", async () => (await db().alertDelivery.findUnique({ where: { id } }))?.sentAt);
    await quiet(queues().deliveries);

    const calls = callsAbout(alertId);
    expect(calls.map((c) => c.status)).toEqual([503, 503, 201]);
    expect(await db().alertDelivery.findUnique({ where: { id } })).toMatchObject({
      status: "sent",
      activityId: calls[2]?.activityId,
      attempts: 3,
      lastError: null,
    });
    expect(await jobState(id)).toBe("completed");
  });

  it("marks a delivery Teams refused for good (413) failed, and never sends it again", async () => {
    const { alertId, deliveryIds } = await alertFor([f.sw1.id]);
    const [id] = deliveryIds as [number];
    stub.inject({ status: 413, times: 1, match: (c) => alertIdOf(c) === alertId });
    await queues().port.deliver([id]);
    await until("the job to fail", async () => (await jobState(id)) === "failed");
    expect(await db().alertDelivery.findUnique({ where: { id } })).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "413 MessageSizeTooBig",
    });

    expect(await reconcile()).toEqual({ requeued: 0, cardsUpdated: 0 });
    // The reconciler queues before it completes: had it queued this delivery, the job would have left "failed".
    expect(await jobState(id)).toBe("failed");
    await quiet(queues().deliveries);
    expect(callsAbout(alertId).map((c) => c.status)).toEqual([413]);
  });
});
