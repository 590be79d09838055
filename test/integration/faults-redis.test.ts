/**
 * Faults, issue 13 item 7: Redis restarted (no persistence: every job lost) in the middle
 * of a fan-out. The database is the outbox; the worker reconciles when its connection
 * comes back (jobs/recovery.ts), so every card is still sent, once, within seconds, and
 * the scan schedules are put back (jobs/schedules.ts). A private redis-server: the shared
 * one on 6379 is never restarted.
 */
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy } from "../../core/policy.js";
import { redisConnection } from "../../jobs/queues.js";
import { upsertSchedules } from "../../jobs/schedules.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { TODAY } from "../support/factories.js";
import { allSent, fanoutAlerts, fanoutPeople, tally } from "../support/faults-fanout.js";
import { type PrivateRedis, redisServerInstalled, startPrivateRedis } from "../support/faults-redis.js";
import { startFaultWorker } from "../support/faults-runtime.js";
import { until } from "../support/wait.js";

if (!redisServerInstalled)
  console.log("faults-redis: skipped, redis-server is not installed (apt-get install redis-server)");

describe.skipIf(!redisServerInstalled)("Redis restarted during a fan-out", () => {
  let redis: PrivateRedis;
  let stub: ConnectorStub;
  let database: TestDb;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    stub = await startConnectorStub();
    database = await createTestDb("faults-redis");
  });
  afterAll(async () => {
    await database?.close();
    await stub?.close();
    await redis?.stop();
  });

  it("loses no card and sends none twice; the worker catches up as soon as Redis is back", {
    timeout: 40_000,
  }, async () => {
    const at = new Date(`${TODAY}T10:15:00Z`);
    const people = await fanoutPeople(database.db, 150, stub.url, at);
    const runtime = await startFaultWorker({ databaseUrl: database.url, db: database.db, redisUrl: redis.url });
    try {
      const fanout = await fanoutAlerts(database.db, people, at);
      await runtime.queues.port.deliver(fanout.deliveryIds);
      // A third of the way through (the pacer keeps to 50 a second), Redis dies and comes back empty.
      await until("a third of the cards", async () => tally(stub, fanout.expected).sent >= 50);
      const before = tally(stub, fanout.expected).sent;
      await redis.restart(500);
      const back = Date.now();
      const figures = await allSent(stub, fanout.expected, 20_000);
      const recovered = Date.now() - back;
      // Settled: no job left that could still send a second copy.
      await until("the queue to drain", async () => {
        const counts = await runtime.queues.deliveries.getJobCounts("active", "waiting", "delayed");
        return Object.values(counts).every((n) => n === 0);
      });
      await new Promise((r) => setTimeout(r, 300));
      const final = tally(stub, fanout.expected);
      console.log(
        `faults: redis restart mid fan-out: ${final.expected} cards, ${before} sent before the restart, sent ${final.sent}, duplicates ${final.duplicates}, lost ${final.lost}, all sent ${recovered} ms after Redis was back`,
      );
      expect(figures.lost).toBe(0);
      expect(final).toMatchObject({ sent: 150, duplicates: 0, lost: 0 });
      const rows = await database.db.alertDelivery.groupBy({ by: ["status"], _count: true });
      expect(rows).toEqual([{ status: "sent", _count: 150 }]);
    } finally {
      await runtime.close();
    }
  });

  it("puts the scan schedules back after the restart", async () => {
    const connection = redisConnection(redis.url);
    const alerts = new Queue("alerts", { connection, prefix: `faults-schedules-${process.pid}` });
    try {
      await upsertSchedules(alerts, defaultPolicy);
      expect(await alerts.getJobSchedulersCount()).toBe(4);
      await redis.restart(200);
      await until("the schedules to come back", async () => (await alerts.getJobSchedulersCount()) === 4, 10_000);
      expect(await alerts.getJobSchedulersCount()).toBe(4);
    } finally {
      await alerts.close();
      await connection.quit();
    }
  });
});
