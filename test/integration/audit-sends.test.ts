/**
 * A card pushed into a chat is never without its audit row (issue 14): the row for what a
 * proactive card shows (`read_alerts`, channel `bot`) is written before the card reaches
 * Teams, not with the record of the send, so a worker that dies after Teams took the card
 * and before recording it leaves the card audited. Here Teams' answer is held back from
 * the worker (as if it had died on receiving it) while the test looks at the database.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../api/runtime.js";
import { createTeamsSender } from "../../bot/proactive.js";
import type { TeamsSender } from "../../core/alerts/sender.port.js";
import { fixedClock } from "../../core/platform/clock.js";
import { loadConfig } from "../../core/platform/config.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { TODAY } from "../support/factories.js";
import { fanoutAlerts, fanoutPeople } from "../support/faults-fanout.js";
import { dropPrefix, REDIS_URL, uniquePrefix } from "../support/redis.js";
import { until } from "../support/wait.js";

const at = new Date(`${TODAY}T10:15:00Z`);
const prefix = uniquePrefix();
let stub: ConnectorStub;
let database: TestDb;
let runtime: Runtime;
/** Teams' answers wait here until the test lets them through. */
let gate: Promise<void> = Promise.resolve();
let open: () => void = () => undefined;
const hold = () => {
  gate = new Promise((resolve) => {
    open = resolve;
  });
};

beforeAll(async () => {
  stub = await startConnectorStub();
  database = await createTestDb("audit-sends");
  const sender = createTeamsSender();
  // The call reaches the stub (the card is in the chat); only the worker's hearing of it waits.
  const held: TeamsSender = {
    send: async (ref, activity) => {
      const result = await sender.send(ref, activity);
      await gate;
      return result;
    },
    update: async (ref, activityId, activity) => {
      const result = await sender.update(ref, activityId, activity);
      await gate;
      return result;
    },
  };
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "silent",
    ROLE: "worker",
    SEED_DEMO: "false",
  });
  runtime = await createRuntime({
    config,
    db: database.db,
    clock: fixedClock(TODAY),
    api: false,
    worker: true,
    schedules: false,
    sender: held,
  });
});

// A test that failed while holding lets the rest through.
afterEach(() => open());

afterAll(async () => {
  await runtime?.close();
  await dropPrefix(prefix);
  await database?.close();
  await stub?.close();
});

/** The `read_alerts` rows written in the bot for `people`, as "actor:child". */
async function shownRows(people: readonly number[]): Promise<string[]> {
  const rows = await database.db.auditEvent.findMany({
    where: { action: "read_alerts", channel: "bot", actorId: { in: [...people] } },
    select: { actorId: true, childId: true, outcome: true },
  });
  return rows.map((r) => `${r.actorId}:${r.childId}:${r.outcome}`).sort();
}

describe("a proactive card is audited before it reaches the chat", () => {
  it("sent: Teams has taken the cards, the worker has not recorded them, and each is audited", {
    timeout: 30_000,
  }, async () => {
    const people = await fanoutPeople(database.db, 3, stub.url, at);
    const fanout = await fanoutAlerts(database.db, people, at);
    const child = await database.db.child.findFirstOrThrow({ where: { localId: "FAULTS" } });
    const mine = new Set(
      (await database.db.conversationReference.findMany({ where: { professionalId: { in: people } } })).map(
        (r) => r.conversationId,
      ),
    );
    hold();
    await runtime.queues.port.deliver(fanout.deliveryIds);
    await stub.waitFor((c) => c.kind === "send" && !c.rejected && mine.has(c.conversationId), {
      count: people.length,
      timeoutMs: 15_000,
    });
    // In the chats, not yet recorded: a worker dying now would leave exactly this.
    expect(await database.db.alertDelivery.count({ where: { id: { in: fanout.deliveryIds }, status: "sent" } })).toBe(
      0,
    );
    const expected = people.map((id) => `${id}:${child.id}:allowed`).sort();
    expect(await shownRows(people)).toEqual(expected);

    open();
    await until(
      "the sends to be recorded",
      async () =>
        (await database.db.alertDelivery.count({ where: { id: { in: fanout.deliveryIds }, status: "sent" } })) ===
        people.length,
      15_000,
    );
    // One row a card: recording the send adds none.
    expect(await shownRows(people)).toEqual(expected);
  });

  it("replaced: the card's new version is audited before Teams shows it", { timeout: 30_000 }, async () => {
    const people = await fanoutPeople(database.db, 1, stub.url, at);
    const fanout = await fanoutAlerts(database.db, people, at);
    const child = await database.db.child.findFirstOrThrow({ where: { localId: "FAULTS" } });
    await runtime.queues.port.deliver(fanout.deliveryIds);
    await until(
      "the card to be sent",
      async () =>
        (await database.db.alertDelivery.count({ where: { id: { in: fanout.deliveryIds }, status: "sent" } })) === 1,
      15_000,
    );
    const sent = await database.db.alertDelivery.findFirstOrThrow({ where: { id: { in: fanout.deliveryIds } } });
    const before = await shownRows(people);
    expect(before).toHaveLength(1);

    hold();
    await runtime.queues.port.updateCards(fanout.deliveryIds);
    await stub.waitFor((c) => c.kind === "update" && !c.rejected && c.conversationId === sent.conversationId, {
      timeoutMs: 15_000,
    });
    expect(await shownRows(people)).toEqual([...before, `${people[0]}:${child.id}:allowed`].sort());
    open();
  });
});
