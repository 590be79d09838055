/**
 * Teams' per-conversation limit through the real worker: many cards for one person at
 * once. The stub refuses nothing here, so what it saw is what the worker sent: never more
 * than 7 in any second or 8 in any 2 seconds to that conversation, and every card exactly once.
 * A send is counted from its answer, not from its grant: a slow send (a cold connection, a
 * busy process) must not let the next ones crowd into the second Teams counts it in.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPacer } from "../../jobs/pacer.js";
import { alertIdOf, outboxAlert, quiet } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { REDIS_URL } from "../support/redis.js";
import { installation, personalConversation, post } from "../support/teams.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, workers: true });
  f = await buildSmallAuthority(t.database.db);
  await post(t.base, installation({ aadObjectId: aadOf(PEOPLE.sw1) }, stub.url));
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

/** The most arrivals inside any window of `ms` (a window [t, t + ms)). */
function maxInWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= ms) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

it("sends 15 cards to one conversation within 7 a second and 8 in 2 seconds, each exactly once", async () => {
  const CARDS = 15;
  const db = t.database.db;
  const raisedAt = new Date(`${TODAY}T10:30:00Z`);
  const alerts = [];
  for (let i = 0; i < CARDS; i++)
    alerts.push(await outboxAlert(db, { childId: f.jordan.id, recipientIds: [f.sw1.id], raisedAt }));
  const ids = alerts.flatMap((a) => a.deliveryIds);
  expect(ids).toHaveLength(CARDS);

  stub.reset();
  await t.runtime.queues.port.deliver(ids);
  await quiet(t.runtime.queues.deliveries);

  const conversation = personalConversation({ aadObjectId: aadOf(PEOPLE.sw1) });
  expect(stub.calls).toHaveLength(CARDS);
  expect(stub.calls.every((c) => c.kind === "send" && c.conversationId === conversation && c.status === 201)).toBe(
    true,
  );
  // Each alert's card once.
  expect(stub.calls.map(alertIdOf).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(alerts.map((a) => a.alertId));

  const at = stub.calls.map((c) => c.at);
  expect(maxInWindow(at, 1_000)).toBeLessThanOrEqual(7);
  expect(maxInWindow(at, 2_000)).toBeLessThanOrEqual(8);
  // Paced: unpaced, 15 sends to a stub on this machine take well under a second; paced, 7 go
  // at once, the 8th a second on and the rest two seconds on.
  expect(Math.max(...at) - Math.min(...at)).toBeGreaterThanOrEqual(2_000);

  const rows = await db.alertDelivery.findMany({ where: { id: { in: ids } } });
  expect(rows).toHaveLength(CARDS);
  expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.conversationId === conversation)).toBe(true);
  expect(new Set(rows.map((r) => r.activityId)).size).toBe(CARDS);
  expect(rows.map((r) => r.activityId).sort()).toEqual(stub.calls.map((c) => c.activityId).sort());
});

it("the pacer counts an answered send from its answer, not from when its slot was granted", async () => {
  const redis = new Redis(REDIS_URL);
  try {
    const pacer = createPacer(redis, { prefix: `${t.prefix}:settle`, marginMs: 0 });
    const slots = await Promise.all(Array.from({ length: 7 }, () => pacer.take("a:slow-sends")));
    expect(slots.map((s) => s.wait)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // The sends are answered 400 ms after their grant.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await Promise.all(slots.map((s) => s.settle()));
    const wait = await pacer.reserve("a:slow-sends");
    // Counted from the grants the eighth would wait about 600 ms; from the answers, about 1,000.
    expect(wait).toBeGreaterThan(800);
    expect(wait).toBeLessThanOrEqual(1_000);
  } finally {
    await redis.quit();
  }
});
