/**
 * No freeze, no hang (issue 13, item 5). A database locked by another writer never stalls
 * the process: health keeps answering, and a write that cannot get the lock in time gets
 * 503 with Retry-After and changes nothing. With Redis away, calls that queue work answer
 * within seconds (the database is the outbox), /health says which part is down, and the
 * lost card update is queued again once Redis is back. Slow clients meet deadlines, and a
 * shutdown never waits on one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serverTimeouts } from "../../api/plugins/timeouts.js";
import { runImport } from "../../core/imports/run.js";
import { openImportDb } from "../../core/imports/sql.js";
import { recordedAt } from "../../core/platform/clock.js";
import { addDays } from "../../core/platform/dates.js";
import { reconcile } from "../../jobs/processors/housekeeping.js";
import { answerCard, outboxAlert } from "../support/alert-jobs.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import { startConnectorStub } from "../support/connector-stub.js";
import { conversation } from "../support/conversation.js";
import { createTestDb, TEST_ENGINE } from "../support/db.js";
import { aadOf, addBareChildren, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { holdWriteLock } from "../support/faults-lock.js";
import { type PrivateRedis, redisServerInstalled, startPrivateRedis } from "../support/faults-redis.js";

const since = (start: number) => performance.now() - start;

describe("a database locked by another writer", () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await startTestApp({ today: TODAY, env: { DATABASE_BUSY_WAIT_MS: "1500" } });
    f = await buildSmallAuthority(t.database.db);
  });
  afterAll(async () => t?.close());

  it("keeps the process answering, refuses a write with 503 Retry-After, and takes it once the lock is gone", async () => {
    // Another process's long write: the lock is held for 3 s, past the busy wait (1.5 s).
    const { released } = await holdWriteLock(t.database.url, 3_000);
    try {
      const health = await t.call("GET", "/health");
      expect(health.status).toBe(200);

      const start = performance.now();
      let refusedAt = 0;
      const write = t
        .call("POST", `/api/children/${f.jordan.id}/actions`, {
          as: PEOPLE.sw1,
          body: { text: "Rang the carer about the PEP meeting" },
        })
        .then((res) => {
          refusedAt = performance.now();
          return res;
        });
      // While the write waits for the lock, the process answers others. A wait on the event
      // loop (SQLite's own busy timeout) would hold this answer until the write gave up: an
      // order, not a time, so a loaded machine cannot fake it.
      await new Promise((r) => setTimeout(r, 100));
      const during = await t.call("GET", "/health");
      const answeredAt = performance.now();
      expect(during.status).toBe(200);
      const refused = await write;
      const waited = refusedAt - start;
      expect(answeredAt).toBeLessThan(refusedAt);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("2");
      expect(refused.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect((await refused.json()).detail).toMatch(/busy being updated.*try again/);
      expect(waited).toBeGreaterThanOrEqual(1_450);
      expect(waited).toBeLessThan(3_000);
    } finally {
      await released;
    }

    const taken = await t.call("POST", `/api/children/${f.jordan.id}/actions`, {
      as: PEOPLE.sw1,
      body: { text: "Rang the carer about the PEP meeting" },
    });
    expect(taken.status).toBe(201);
    const logged = await t.database.db.actionLog.count({ where: { childId: f.jordan.id, text: { contains: "Rang" } } });
    expect(logged).toBe(1);
  });

  it("tells a person in the chat that the records are busy, and answers once the lock is gone", async () => {
    const stub = await startConnectorStub();
    try {
      const sw = conversation(t.base, stub, { aadObjectId: aadOf(PEOPLE.sw1) });
      const { released } = await holdWriteLock(t.database.url, 3_000);
      const busy = await sw.say("status Jordan");
      expect(busy.text).toMatch(/records are busy being updated.*try again in a minute/);
      await released;
      const answered = await sw.say("status Jordan");
      expect(answered.cards).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  it("waits for a lock held briefly and then succeeds, without a 503", async () => {
    await holdWriteLock(t.database.url, 200);
    const res = await t.call("POST", `/api/children/${f.tyler.id}/actions`, {
      as: PEOPLE.sw1,
      body: { text: "Emailed the DT" },
    });
    expect(res.status).toBe(201);
  });
});

describe("an import under way", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    await t.database.db.professional.create({
      data: { email: PEOPLE.vsh, role: "vsh", name: "Head", aadObjectId: aadOf(PEOPLE.vsh) },
    });
  });
  afterAll(async () => t?.close());

  /**
   * The share of `work`'s time the event loop was held (pauses over 50 ms, summed). A sum,
   * not the longest pause: on a loaded machine one stray pause (a GC, a descheduled
   * process) says little, while an import on the loop holds it for most of its run.
   */
  async function heldShare(work: () => Promise<unknown>): Promise<number> {
    const tick = 10;
    let held = 0;
    let last = performance.now();
    const sampler = setInterval(() => {
      const now = performance.now();
      const pause = now - last - tick;
      if (pause > 50) held += pause;
      last = now;
    }, tick);
    const started = performance.now();
    try {
      await work();
    } finally {
      clearInterval(sampler);
    }
    const pause = performance.now() - last - tick;
    if (pause > 50) held += pause;
    return held / (performance.now() - started);
  }

  // SQLite's import driver writes synchronously, so an import on the loop holds it for most
  // of its run: the thread is what keeps the API answering. PostgreSQL's writes are
  // asynchronous (COPY over the import's connection): on the loop, the same import held it
  // 14% of the time (measured at load 17), not the 30% this baseline needs, and through the
  // API 7%; with no loop-holding import to compare, the check could not fail there.
  it.skipIf(TEST_ENGINE === "postgres")(
    "runs off the API's event loop: health answers throughout, and the loop pauses far less than when the import runs on it",
    async () => {
      // Day by day across 10,000 children, as a register export: the order that holds a batch longest.
      const localIds = [...(await addBareChildren(t.database.db, 10_000, "L")).keys()];
      const lines = ["child,date,session,code"];
      for (let d = 0; d < 10; d++) {
        const date = addDays("2025-09-01", d);
        for (const child of localIds) lines.push(`${child},${date},AM,/`, `${child},${date},PM,\\`);
      }
      const dir = mkdtempSync(join(tmpdir(), "vs-no-freeze-"));
      const feed = join(dir, "feed.csv");
      writeFileSync(feed, `${lines.join("\n")}\n`);
      const form = new FormData();
      form.append("file", new Blob([readFileSync(feed)], { type: "text/csv" }), "feed.csv");
      const headers = { authorization: `Bearer ${await t.token(PEOPLE.vsh)}` };

      // The baseline, in the same run: the same import on this (the test's) event loop.
      const other = await createTestDb("no-freeze-baseline");
      await addBareChildren(other.db, 10_000, "L");
      const sql = await openImportDb(other.url);
      const onTheLoop = await heldShare(() =>
        runImport({ db: sql, kind: "attendance", files: { file: { name: "feed.csv", path: feed } }, laCode: "999" }),
      );
      await sql.close();
      await other.close();

      let answered = 0;
      let importing = true;
      const health = (async () => {
        while (importing) if ((await t.call("GET", "/health")).status === 200) answered++;
      })();
      let status = 0;
      let body: Json;
      const started = performance.now();
      const offTheLoop = await heldShare(async () => {
        const res = await fetch(`${t.base}/api/imports/attendance`, { method: "POST", headers, body: form });
        status = res.status;
        body = await res.json();
      });
      const tookMs = performance.now() - started;
      importing = false;
      await health;
      rmSync(dir, { recursive: true, force: true });
      expect(status).toBe(200);
      expect(body.summary.tables.marks).toMatchObject({ created: 200_000, rejected: 0 });
      // Each batch (days across 10,000 children) held the loop it ran on; the API's is not it.
      expect(onTheLoop).toBeGreaterThan(0.3);
      // Off the loop, what holds it is the upload's parsing and, on a loaded machine, the
      // process descheduled (18% beside the suite on CI's 2 cores; under 1% alone); on it,
      // the batches themselves (70%, more under load).
      expect(offTheLoop).toBeLessThan(onTheLoop / 2);
      expect(answered).toBeGreaterThan(tookMs / 100);
      console.log(
        `no-freeze: a 200,000-mark import: event loop held ${Math.round(onTheLoop * 100)}% of the time on the loop, ${Math.round(offTheLoop * 100)}% through the API (import thread); /health answered ${answered} times in ${Math.round(tookMs)} ms`,
      );
    },
    90_000,
  ); // Two imports of 200,000 marks across 10,000 children: ~9 s alone, longer beside the suite.
});

describe("one connection, many requests", () => {
  it("never rolls back an acknowledged write with somebody else's transaction", async () => {
    const database = await createTestDb("interleave");
    const { db } = database;
    try {
      const failing = db
        .$transaction(async (tx) => {
          await tx.botState.create({ data: { key: "inside", value: "{}", eTag: "1" } });
          await new Promise((r) => setTimeout(r, 150));
          throw new Error("this transaction fails");
        })
        .catch((err: Error) => err.message);
      await new Promise((r) => setTimeout(r, 30));
      // Another request's write while the transaction is open: acknowledged…
      await db.botState.create({ data: { key: "outside", value: "{}", eTag: "1" } });
      expect(await failing).toBe("this transaction fails");
      // …and still there after the other transaction rolled back.
      expect((await db.botState.findMany({ select: { key: true } })).map((r) => r.key)).toEqual(["outside"]);
    } finally {
      await database.close();
    }
  });
});

/** An alert about Jordan whose card was sent to the DT: answering it updates that card. */
async function sentAlert(t: TestApp, f: Fixture) {
  const { db } = t.database;
  const { alertId, deliveryIds } = await outboxAlert(db, {
    childId: f.jordan.id,
    recipientIds: [f.dtA.id],
    raisedAt: new Date(`${TODAY}T07:00:00Z`),
  });
  const [deliveryId] = deliveryIds as [number];
  await db.alertDelivery.update({
    where: { id: deliveryId },
    data: { status: "sent", activityId: `activity-${alertId}`, conversationId: "conversation-1", sentAt: recordedAt() },
  });
  return { alertId, deliveryId };
}

if (!redisServerInstalled) console.log("no-freeze: Redis-away test skipped, redis-server is not installed here");

describe.skipIf(!redisServerInstalled)("Redis away", () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({ today: TODAY, env: { REDIS_URL: redis.url, QUEUE_WAIT_MS: "500" } });
    f = await buildSmallAuthority(t.database.db);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  // First: the guard has not yet seen Redis fail, so it really waits on the paused Redis.
  it("answers an acknowledgement within seconds while Redis is paused", async () => {
    const { alertId } = await sentAlert(t, f);
    const admin = new Redis(redis.url);
    try {
      // Every client's commands wait 4 s: a Redis that is there but stuck.
      await admin.call("CLIENT", "PAUSE", "4000", "ALL");
      const start = performance.now();
      const answered = await t.call("POST", `/api/alerts/${alertId}/acknowledge`, { as: PEOPLE.dtA });
      expect(answered.status).toBe(200);
      expect(since(start)).toBeLessThan(2_000);
      const health = await (await t.call("GET", "/health")).json();
      expect(health).toMatchObject({ database: "ok", redis: "unavailable" });
      // The same on the card in Teams: the answer is saved and the card comes back answered.
      const onCard = await sentAlert(t, f);
      const stub = await startConnectorStub();
      try {
        const pressed = performance.now();
        const card = await answerCard(t.base, stub.url, { aadObjectId: aadOf(PEOPLE.dtA) }, "alert.ack", {
          alertId: onCard.alertId,
        });
        expect(since(pressed)).toBeLessThan(2_000);
        expect(card.status).toBe(200);
        expect(card.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
        expect(await t.database.db.alert.findUniqueOrThrow({ where: { id: onCard.alertId } })).toMatchObject({
          status: "acknowledged",
        });
      } finally {
        await stub.close();
      }
    } finally {
      admin.disconnect();
    }
  });

  it("answers within seconds, saves the answer, says Redis is down, and updates the card once Redis is back", async () => {
    const { db } = t.database;
    const { alertId, deliveryId } = await sentAlert(t, f);
    await redis.stop();

    let start = performance.now();
    const health = await t.call("GET", "/health");
    expect(since(start)).toBeLessThan(1_500);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "degraded", database: "ok", redis: "unavailable" });

    start = performance.now();
    const answered = await t.call("POST", `/api/alerts/${alertId}/acknowledge`, { as: PEOPLE.dtA });
    expect(since(start)).toBeLessThan(3_000);
    expect(answered.status).toBe(200);
    expect(await db.alert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject({ status: "acknowledged" });
    // The update Redis did not take waits in the database.
    const stale = await db.alertDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(stale.cardStaleAt).not.toBeNull();

    start = performance.now();
    const scan = await t.call("POST", "/api/alerts/scan", { as: PEOPLE.vsh, body: {} });
    expect(since(start)).toBeLessThan(3_000);
    expect(scan.status).toBe(503);
    expect(scan.headers.get("retry-after")).toBeTruthy();

    const logged = await t.call("POST", `/api/children/${f.jordan.id}/actions`, {
      as: PEOPLE.sw1,
      body: { text: "Spoke to the DT" },
    });
    expect(logged.status).toBe(201);

    await redis.start();
    await expect
      .poll(async () => (await (await t.call("GET", "/health")).json()).redis, { timeout: 10_000 })
      .toBe("ok");
    const { services, queues } = t.runtime;
    // As the worker's catch-up does on reconnecting: through the queue itself, not the guard
    // (which skips Redis for a few seconds after it failed).
    const caught = await reconcile({ db, queue: queues.port, clock: services.clock }, { staleCardMs: 0 });
    // This card's update, and the paused test's if Redis never took it.
    expect(caught.cardsUpdated).toBeGreaterThanOrEqual(1);
    const waiting = await queues.deliveries.getJobs(["waiting", "prioritized", "delayed"]);
    expect(waiting.map((j) => [j.name, j.data.deliveryId])).toContainEqual(["updateCard", deliveryId]);
  });
});

describe("deadlines", () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp({
      today: TODAY,
      env: { REQUEST_TIMEOUT_SECONDS: "1", IMPORT_TIMEOUT_SECONDS: "3", SHUTDOWN_GRACE_SECONDS: "1" },
    });
    await buildSmallAuthority(t.database.db);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.destroy();
  });
  // The last test shuts the runtime down itself.
  afterAll(async () => t?.close().catch(() => t.database.close()));

  /** A client that sends its headers and then almost none of the body it promised. */
  async function trickle(path: string, contentType: string) {
    const { port } = new URL(t.base);
    const socket = connect(Number(port), "127.0.0.1");
    sockets.push(socket);
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString();
    });
    const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(performance.now())));
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${await t.token(PEOPLE.vsh)}\r\n` +
        `Content-Type: ${contentType}\r\nContent-Length: 5000\r\n\r\n{"te`,
    );
    return { answer: () => answer, closed };
  }

  it("answers a client too slow to send its body with 408 and closes its connection", async () => {
    const start = performance.now();
    const slow = await trickle("/api/children/1/actions", "application/json");
    const closedAt = await slow.closed;
    expect(slow.answer()).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAt - start).toBeGreaterThanOrEqual(900);
    expect(closedAt - start).toBeLessThan(2_500);
  });

  it("gives an import upload longer", async () => {
    const start = performance.now();
    const slow = await trickle("/api/imports/attendance", "multipart/form-data; boundary=x");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(slow.answer()).toBe("");
    const closedAt = await slow.closed;
    expect(slow.answer()).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAt - start).toBeGreaterThanOrEqual(2_900);
    expect(closedAt - start).toBeLessThan(4_500);
  });

  it("never lets Node's socket inactivity timer cut an import before its own deadline", () => {
    // An import sends nothing while it writes the file: the idle timer must outlast it.
    const limits = serverTimeouts({ REQUEST_TIMEOUT_SECONDS: 30, IMPORT_TIMEOUT_SECONDS: 600 });
    expect(limits.connectionTimeout).toBeGreaterThan(600_000);
    expect(limits.requestTimeout).toBeGreaterThanOrEqual(600_000);
  });

  it("shuts down within its grace even while a slow client holds a request open", async () => {
    const slow = await trickle("/api/imports/attendance", "multipart/form-data; boundary=x");
    await new Promise((r) => setTimeout(r, 100));
    const start = performance.now();
    await t.runtime.close();
    expect(since(start)).toBeLessThan(2_000);
    await slow.closed;
  });
});
