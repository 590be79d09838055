/**
 * Faults, issue 13 item 7, against the real Redis (a prefix of its own) and the Bot
 * Connector stub over HTTP: Teams answering 429 and 5xx in bursts and timing out after
 * taking the card; the database locked by another process for 3 s mid fan-out; and the
 * database restored from a backup (ids handed out again) while Redis keeps its job
 * history. Each prints its figures (sent, duplicates, lost, time to recover).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../api/runtime.js";
import type { SendResult } from "../../core/alerts/sender.port.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { TODAY } from "../support/factories.js";
import { startSlowConnector } from "../support/faults-connector.js";
import { allSent, fanoutAlerts, fanoutPeople, tally } from "../support/faults-fanout.js";
import { holdWriteLock } from "../support/faults-lock.js";
import { backUp } from "../support/faults-restore.js";
import { startFaultWorker } from "../support/faults-runtime.js";
import { dropPrefix, REDIS_URL, uniquePrefix } from "../support/redis.js";
import { until } from "../support/wait.js";

const at = new Date(`${TODAY}T10:15:00Z`);
let stub: ConnectorStub;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  stub = await startConnectorStub();
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  await stub.close();
});

/** Waits until the queue has nothing left that could still send. */
async function drained(runtime: Runtime): Promise<void> {
  await until(
    "the queue to drain",
    async () => {
      const counts = await runtime.queues.deliveries.getJobCounts("active", "waiting", "delayed", "prioritized");
      return Object.values(counts).every((n) => n === 0);
    },
    30_000,
  );
}

async function worker(
  database: TestDb,
  opts: { prefix?: string; sendTimeoutMs?: number; onSent?: (result: SendResult) => void } = {},
) {
  const prefix = opts.prefix ?? uniquePrefix();
  const runtime = await startFaultWorker({
    databaseUrl: database.url,
    db: database.db,
    redisUrl: REDIS_URL,
    prefix,
    ...opts,
  });
  return { runtime, prefix };
}

describe("faults on the way to Teams", () => {
  it("429 and 5xx in bursts, and timeouts after Teams took the card: none lost; a timed-out card is sent again", {
    timeout: 40_000,
  }, async () => {
    const database = await createTestDb("faults-connector");
    const timeoutMs = 1_000;
    const slow = await startSlowConnector({ stubUrl: stub.url, ratio: 0.1, holdMs: timeoutMs + 500 });
    let timedOut = 0;
    const { runtime, prefix } = await worker(database, {
      sendTimeoutMs: timeoutMs,
      onSent: (result) => {
        if (!result.ok && result.code === "Timeout") timedOut += 1;
      },
    });
    cleanup.push(async () => {
      await runtime.close();
      await slow.close();
      await dropPrefix(prefix);
      await database.close();
    });
    const people = await fanoutPeople(database.db, 80, slow.url, at);
    const fanout = await fanoutAlerts(database.db, people, at);
    const conversations = new Set(
      (await database.db.conversationReference.findMany({ select: { conversationId: true } })).map(
        (r) => r.conversationId,
      ),
    );
    const mine = (c: { conversationId: string }) => conversations.has(c.conversationId);
    // A burst of 429s first, then 5xx spread through the run.
    stub.inject({ status: 429, times: 15, retryAfterSeconds: 1, match: mine });
    stub.inject({ status: 503, ratio: 0.08, seed: 3, match: mine });
    stub.inject({ status: 502, ratio: 0.05, seed: 5, match: mine });
    stub.inject({ status: 500, times: 6, match: mine });
    const started = Date.now();
    await runtime.queues.port.deliver(fanout.deliveryIds);
    await allSent(stub, fanout.expected, 30_000);
    const took = Date.now() - started;
    await drained(runtime);
    // Settled: a late answer still on its way would not change what the stub took.
    await new Promise((r) => setTimeout(r, timeoutMs + 500));
    const figures = tally(stub, fanout.expected);
    const refused = stub.calls.filter((c) => c.rejected && mine(c)).length;
    console.log(
      `faults: 429/5xx bursts + ${Math.round(0.1 * 100)}% timeouts after processing: ${figures.expected} cards, ${refused} refusals, ${slow.late()} timed out after Teams took them (${slow.held()} held on purpose; the sender saw ${timedOut} timeouts), sent ${figures.sent}, duplicates ${figures.duplicates}, lost ${figures.lost}, all sent in ${took} ms`,
    );
    expect(figures.lost).toBe(0);
    // At-least-once: a card whose answer never came is sent again, so each timeout after
    // Teams took the card is one duplicate, and nothing else is.
    // Each send whose answer never came can add one copy, and only those can.
    expect(figures.duplicates).toBeGreaterThanOrEqual(slow.held());
    expect(figures.duplicates).toBeLessThanOrEqual(timedOut);
    expect(refused).toBeGreaterThan(20);
    const rows = await database.db.alertDelivery.groupBy({ by: ["status"], _count: true });
    expect(rows).toEqual([{ status: "sent", _count: 80 }]);
  });

  it("the database locked by another process for 3 s mid fan-out: every card sent once after", {
    timeout: 40_000,
  }, async () => {
    const database = await createTestDb("faults-lock");
    const { runtime, prefix } = await worker(database);
    cleanup.push(async () => {
      await runtime.close();
      await dropPrefix(prefix);
      await database.close();
    });
    const people = await fanoutPeople(database.db, 120, stub.url, at);
    const fanout = await fanoutAlerts(database.db, people, at);
    await runtime.queues.port.deliver(fanout.deliveryIds);
    await until("the first cards", async () => tally(stub, fanout.expected).sent >= 20);
    const lock = await holdWriteLock(database.url, 3_000);
    const during = tally(stub, fanout.expected).sent;
    const releasedAt = await lock.released;
    await allSent(stub, fanout.expected, 30_000);
    const recovered = Date.now() - releasedAt;
    await drained(runtime);
    const figures = tally(stub, fanout.expected);
    console.log(
      `faults: database locked 3 s mid fan-out: ${figures.expected} cards, ${during} sent before the lock, sent ${figures.sent}, duplicates ${figures.duplicates}, lost ${figures.lost}, all sent ${recovered} ms after the lock was released`,
    );
    expect(figures).toMatchObject({ sent: 120, duplicates: 0, lost: 0 });
    const rows = await database.db.alertDelivery.groupBy({ by: ["status"], _count: true });
    expect(rows).toEqual([{ status: "sent", _count: 120 }]);
  });

  it("the database restored from a backup while Redis keeps its jobs: ids handed out again are still sent, once", {
    timeout: 40_000,
  }, async () => {
    const database = await createTestDb("faults-restore");
    const people = await fanoutPeople(database.db, 40, stub.url, at);
    // The backup: before the fan-out, as a nightly copy would be.
    const backup = await backUp(database);
    const prefix = uniquePrefix();
    let { runtime } = await worker({ ...database, db: backup.db }, { prefix });
    const first = await fanoutAlerts(backup.db, people, at);
    await runtime.queues.port.deliver(first.deliveryIds);
    await allSent(stub, first.expected);
    await drained(runtime);
    await runtime.close();

    // Restored: the database as the backup has it; Redis still holds the finished jobs.
    const db = await backup.restore();
    ({ runtime } = await worker({ ...database, db }, { prefix }));
    cleanup.push(async () => {
      await runtime.close();
      await dropPrefix(prefix);
      await backup.close();
    });
    expect(await runtime.queues.deliveries.getJobCounts("completed")).toEqual({ completed: 40 });
    const restartedAt = Date.now();
    const again = await fanoutAlerts(db, people, at);
    expect(again.deliveryIds).toEqual(first.deliveryIds);
    await runtime.queues.port.deliver(again.deliveryIds);
    await allSent(stub, again.expected, 10_000, restartedAt);
    const took = Date.now() - restartedAt;
    await drained(runtime);
    const figures = tally(stub, again.expected, restartedAt);
    console.log(
      `faults: database restored from a backup, Redis kept 40 finished jobs: ${figures.expected} new cards on reused ids, sent ${figures.sent}, duplicates ${figures.duplicates}, lost ${figures.lost}, all sent in ${took} ms`,
    );
    expect(figures).toMatchObject({ sent: 40, duplicates: 0, lost: 0 });
    expect(await db.alertDelivery.count({ where: { status: "sent" } })).toBe(40);
  });
});
