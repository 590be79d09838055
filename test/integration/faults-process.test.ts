/**
 * Faults, issue 13 item 7, with real processes: a worker killed with SIGKILL in the middle
 * of a fan-out, then started again. BullMQ's stalled-job check gives its jobs back once
 * their locks lapse; a delivery recorded as sent is never sent again. A card Teams took
 * in the instant before the kill, not yet recorded, cannot be told from one that never
 * left: it is sent again (at least once, never lost), and the test counts those.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueues, redisConnection } from "../../jobs/queues.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { TODAY } from "../support/factories.js";
import { acceptedKeys, allSent, fanoutAlerts, fanoutPeople, pendingKeys, tally } from "../support/faults-fanout.js";
import { type PrivateRedis, redisServerInstalled, startPrivateRedis } from "../support/faults-redis.js";
import { type Spawned, spawnTs } from "../support/faults-spawn.js";
import { uniquePrefix } from "../support/redis.js";
import { until } from "../support/wait.js";

if (!redisServerInstalled)
  console.log("faults-process: skipped, redis-server is not installed (apt-get install redis-server)");

const LOCK_MS = 2_000;

describe.skipIf(!redisServerInstalled)("a worker process killed with SIGKILL mid-delivery", () => {
  let redis: PrivateRedis;
  let stub: ConnectorStub;
  let database: TestDb;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    stub = await startConnectorStub();
    database = await createTestDb("faults-kill");
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await database?.close();
    await stub?.close();
    await redis?.stop();
  });

  it("comes back within seconds of the restart: nothing lost, nothing recorded as sent is sent again", {
    timeout: 40_000,
  }, async () => {
    const at = new Date(`${TODAY}T10:15:00Z`);
    const prefix = uniquePrefix();
    const env = {
      FAULTS_DATABASE_URL: database.url,
      FAULTS_REDIS_URL: redis.url,
      FAULTS_PREFIX: prefix,
      FAULTS_LOCK_MS: String(LOCK_MS),
    };
    const start = async () => {
      const w = await spawnTs("test/support/faults-worker.ts", env, "ready");
      workers.push(w);
      return w;
    };
    const people = await fanoutPeople(database.db, 150, stub.url, at);
    const fanout = await fanoutAlerts(database.db, people, at);
    const first = await start();
    const connection = redisConnection(redis.url);
    const queues = createQueues(connection, prefix);
    try {
      await queues.port.deliver(fanout.deliveryIds);
      await until("a third of the cards", async () => tally(stub, fanout.expected).sent >= 50);
      await first.kill("SIGKILL");
      const killedAt = Date.now();
      // What reached the stub before the process died, against what the database recorded.
      await new Promise((r) => setTimeout(r, 200));
      const accepted = acceptedKeys(stub, fanout.expected);
      const pending = await pendingKeys(database.db);
      const unrecorded = [...accepted].filter((k) => pending.has(k)).length;
      await start();
      await allSent(stub, fanout.expected, 20_000);
      const recovered = Date.now() - killedAt;
      await until("the queue to drain", async () => {
        const counts = await queues.deliveries.getJobCounts("active", "waiting", "delayed", "prioritized");
        return Object.values(counts).every((n) => n === 0);
      });
      await new Promise((r) => setTimeout(r, 300));
      const figures = tally(stub, fanout.expected);
      console.log(
        `faults: worker SIGKILLed mid fan-out (job lock ${LOCK_MS} ms): ${figures.expected} cards, ${accepted.size} sent before the kill (${unrecorded} taken by Teams but not yet recorded), sent ${figures.sent}, duplicates ${figures.duplicates}, lost ${figures.lost}, all sent ${recovered} ms after the kill`,
      );
      expect(figures.lost).toBe(0);
      // Only a card caught between Teams' answer and the database's record is sent twice.
      expect(figures.duplicates).toBeLessThanOrEqual(unrecorded);
      const rows = await database.db.alertDelivery.groupBy({ by: ["status"], _count: true });
      expect(rows).toEqual([{ status: "sent", _count: 150 }]);
    } finally {
      await queues.close();
      await connection.quit();
    }
  });
});
