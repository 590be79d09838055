/**
 * Alerts end to end on the real Redis: the scan on crafted data raises exactly the
 * expected alerts (and nothing more on a second run), deliveries reach the Bot Connector
 * stub, Teams' refusals (429, 503, 403) give waits, retries and reroutes with no loss,
 * a Redis that lost its jobs is made good by the reconciler, and an answer given on a
 * card (Action.Execute) updates the record and every sent copy of the card.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeAlerts } from "../../core/alerts/outbox.js";
import { quiet } from "../support/alert-jobs.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { dropPrefix } from "../support/redis.js";
import { installation, personalConversation, post } from "../support/teams.js";
import { until } from "../support/wait.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

const db = () => t.database.db;
const allSent = () =>
  until(
    "every delivery to be sent or rerouted",
    async () => (await db().alertDelivery.count({ where: { status: "pending" } })) === 0,
  );

/** School days of the autumn term before today, for a register of present marks. */
const SCHOOL_DAYS = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"];

/** Jordan and Amira present last week; today Jordan is absent without a reason, Amira present. */
function registers() {
  const marks = [f.jordan, f.amira].flatMap((c) =>
    SCHOOL_DAYS.flatMap((date) => [
      { childId: c.id, date, session: "AM", code: "/" },
      { childId: c.id, date, session: "PM", code: "\\" },
    ]),
  );
  marks.push(
    { childId: f.jordan.id, date: TODAY, session: "AM", code: "N" },
    { childId: f.amira.id, date: TODAY, session: "AM", code: "/" },
    { childId: f.amira.id, date: TODAY, session: "PM", code: "\\" },
  );
  return marks;
}

beforeAll(async () => {
  stub = await startConnectorStub();
  // 11:00: the morning register has closed, so a DT's answer about it is written (and the afternoon's is not).
  t = await startTestApp({ today: TODAY, time: "11:00", workers: true });
  f = await buildSmallAuthority(db());
  const pep = (childId: number) => ({
    childId,
    term: "2026-autumn",
    dueDate: "2026-10-20",
    meetingDate: "2026-10-01",
    status: "complete",
    rag: "green",
  });
  await db().pep.createMany({ data: [f.jordan, f.amira, f.tyler, f.leah].map((c) => pep(c.id)) });
  // Everyone installs the app, so the bot holds a conversation with each of them.
  for (const who of ["vsh", "sw1", "dtA", "iro1"] as const) {
    await post(t.base, installation({ aadObjectId: aadOf(PEOPLE[who]) }, stub.url));
  }
  stub.reset();
});
afterAll(async () => {
  await t.close();
  await stub.close();
});
// Each test starts with nothing left to send, Teams' pace windows empty (so an earlier
// test's sends do not hold this one's back), no alert (so no delivery), the registers as
// above (an answer on a card marks Jordan late), every conversation usable (a 403 retires
// one), and nothing heard at the stub.
beforeEach(async () => {
  await quiet(t.runtime.queues.alerts);
  await quiet(t.runtime.queues.deliveries);
  await dropPrefix(`${t.prefix}:pace`);
  await db().alert.deleteMany();
  await db().attendanceMark.deleteMany();
  await db().attendanceMark.createMany({ data: registers() });
  await db().conversationReference.updateMany({ data: { usable: true } });
  stub.reset();
});

/** Runs the scan as the VSH; resolves once its job has finished and each delivery it queued is done. */
async function scanAndDeliver(): Promise<void> {
  const res = await t.call("POST", "/api/alerts/scan", { as: PEOPLE.vsh, body: { registersClosed: true } });
  expect(res.status).toBe(202);
  const jobId = (await res.json()).jobId as string;
  await until("the scan", async () => (await t.runtime.queues.alerts.getJobState(jobId)) === "completed");
  await allSent();
  await quiet(t.runtime.queues.deliveries);
}

describe("the scan", () => {
  it("raises exactly the expected alerts, to the right people, and delivers them", async () => {
    await scanAndDeliver();

    const alerts = await db().alert.findMany({ include: { deliveries: true }, orderBy: { id: "asc" } });
    const summary = alerts.map((a) => ({
      child: a.childId,
      rule: a.rule,
      to: a.deliveries.map((d) => d.professionalId).sort(),
    }));
    expect(summary).toEqual(
      expect.arrayContaining([
        { child: f.jordan.id, rule: "unexplained_absence_today", to: [f.sw1.id, f.dtA.id].sort() },
        { child: f.tyler.id, rule: "no_school_place", to: [f.vsh.id, f.sw1.id].sort() },
        // Leah's allocation has ended: nobody holds the social worker role, the VSH hears.
        { child: f.leah.id, rule: "no_school_place", to: [f.vsh.id] },
      ]),
    );
    expect(summary).toHaveLength(3);
    expect(alerts.find((a) => a.rule === "unexplained_absence_today")?.dedupeKey).toBe(
      `${f.jordan.id}:unexplained_absence_today:${TODAY}`,
    );

    const deliveries = alerts.flatMap((a) => a.deliveries);
    expect(deliveries.every((d) => d.status === "sent" && d.activityId)).toBe(true);
    // Each card pushed shows its reader children: audited as their read, in the bot, once each.
    const shown = await db().auditEvent.findMany({
      where: { action: "read_alerts", channel: "bot" },
      select: { actorId: true, childId: true, actorRole: true },
    });
    const pairs = (list: { actorId: number | null; childId: number | null }[]) =>
      list.map((e) => `${e.actorId}:${e.childId}`).sort();
    expect(pairs(shown)).toEqual(
      pairs([
        { actorId: f.sw1.id, childId: f.jordan.id },
        { actorId: f.dtA.id, childId: f.jordan.id },
        { actorId: f.sw1.id, childId: f.tyler.id },
        { actorId: f.vsh.id, childId: f.tyler.id },
        { actorId: f.vsh.id, childId: f.leah.id },
      ]),
    );
    expect(shown.find((e) => e.actorId === f.dtA.id)?.actorRole).toBe("designated_teacher");
    const sends = stub.sent().filter((c) => c.kind === "send");
    // Jordan's absence alone to the DT and the social worker; the social worker's one other
    // alert as its own card; the VSH's two on one digest.
    expect(sends).toHaveLength(4);
    const vshCard = JSON.stringify(
      sends
        .filter((c) => c.conversationId === personalConversation({ aadObjectId: aadOf(PEOPLE.vsh) }))
        .map((c) => c.body),
    );
    expect(vshCard).toContain("2 children need you");
    expect(vshCard).toContain(`${f.tyler.firstName} ${f.tyler.lastName[0]}.`);
    expect(vshCard).toContain(`${f.leah.firstName} ${f.leah.lastName[0]}.`);
    const card = JSON.stringify(
      sends.find((c) => c.conversationId === personalConversation({ aadObjectId: aadOf(PEOPLE.dtA) }))?.body,
    );
    expect(card).toContain("Unexplained absence today");
    expect(card).toContain("Jordan S.");
    expect(card).not.toContain("Smith");
    expect(card).toContain("alert.present");
  });

  it("adds nothing on a second run", async () => {
    await scanAndDeliver();
    const before = { alerts: await db().alert.count(), sends: stub.sent().length };
    const res = await t.call("POST", "/api/alerts/scan", { as: PEOPLE.vsh, body: { registersClosed: true } });
    expect(res.status).toBe(202);
    const jobId = (await res.json()).jobId as string;
    await until("the second scan", async () => (await t.runtime.queues.alerts.getJobState(jobId)) === "completed");
    expect(await db().alert.count()).toBe(before.alerts);
    // The scan queued no delivery, so nothing can reach Teams later.
    expect(await t.runtime.queues.alerts.getJob(jobId).then((j) => j?.returnvalue)).toMatchObject({
      created: 0,
      deliveries: 0,
    });
    expect(await t.runtime.queues.deliveries.getJobCounts("waiting", "active", "delayed", "prioritized")).toEqual({
      waiting: 0,
      active: 0,
      delayed: 0,
      prioritized: 0,
    });
    expect(stub.sent().length).toBe(before.sends);
  });

  it("is for the VSH only", async () => {
    expect((await t.call("POST", "/api/alerts/scan", { as: PEOPLE.dtA, body: {} })).status).toBe(403);
  });
});

/** A fresh alert about Amira for the given people, written to the outbox and queued. */
async function freshAlert(rule: string, recipientIds: number[]) {
  const period = `${rule}-${Date.now()}-${Math.random()}`;
  const { deliveryIds } = await writeAlerts(
    db(),
    [
      {
        childId: f.amira.id,
        rule: "pep_review_due",
        period,
        dedupeKey: `${f.amira.id}:pep_review_due:${period}`,
        severity: "amber",
        recipients: ["designated_teacher"],
        details: { dueDate: "2026-12-18" },
        recipientIds,
      },
    ],
    t.runtime.services.clock.now(),
  );
  await t.runtime.queues.port.deliver(deliveryIds);
  return deliveryIds;
}

describe("Teams' refusals", () => {
  const sw1Conversation = () => personalConversation({ aadObjectId: aadOf(PEOPLE.sw1) });

  it("429: waits Retry-After and sends once", async () => {
    stub.reset();
    stub.inject({ status: 429, times: 2, retryAfterSeconds: 1, match: (c) => c.conversationId === sw1Conversation() });
    const [id] = await freshAlert("throttled", [f.sw1.id]);
    await until(
      "sent after 429s",
      async () => (await db().alertDelivery.findUnique({ where: { id } }))?.status === "sent",
    );
    const calls = stub.calls.filter((c) => c.conversationId === sw1Conversation());
    expect(calls.map((c) => c.status)).toEqual([429, 429, 201]);
    expect(calls[2]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1_900);
  });

  it("503: retries with backoff, no loss, no duplicate", async () => {
    stub.reset();
    stub.inject({ status: 503, times: 2, match: (c) => c.conversationId === sw1Conversation() });
    const [id] = await freshAlert("unavailable", [f.sw1.id]);
    await until(
      "sent after 503s",
      async () => (await db().alertDelivery.findUnique({ where: { id } }))?.status === "sent",
    );
    const calls = stub.calls.filter((c) => c.conversationId === sw1Conversation());
    expect(calls.map((c) => c.status)).toEqual([503, 503, 201]);
    expect((await db().alertDelivery.findUnique({ where: { id } }))?.attempts).toBe(3);
  });

  it("403: retires the conversation and reroutes the alert to the Virtual School", async () => {
    stub.reset();
    const dtConversation = personalConversation({ aadObjectId: aadOf(PEOPLE.dtA) });
    stub.inject({ status: 403, times: 1, match: (c) => c.conversationId === dtConversation });
    const [id] = await freshAlert("blocked", [f.dtA.id]);
    await until(
      "rerouted",
      async () => (await db().alertDelivery.findUnique({ where: { id } }))?.status === "rerouted",
    );
    const delivery = await db().alertDelivery.findUnique({ where: { id } });
    const toVsh = await until("the VSH copy sent", () =>
      db().alertDelivery.findFirst({ where: { alertId: delivery!.alertId, professionalId: f.vsh.id, status: "sent" } }),
    );
    expect(toVsh?.activityId).toBeTruthy();
    const reference = await db().conversationReference.findUnique({ where: { conversationId: dtConversation } });
    expect(reference?.usable).toBe(false);
  });
});

describe("Redis loses its jobs", () => {
  it("the reconciler delivers every pending delivery exactly once", async () => {
    await t.runtime.workers?.deliveries.pause();
    stub.reset();
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(...(await freshAlert(`lost-${i}`, [f.sw1.id, f.vsh.id])));
    await dropPrefix(t.prefix); // every queued job is gone
    t.runtime.workers?.deliveries.resume();
    // Nothing is left in Redis to deliver them: they stay pending until the reconciler runs.
    expect(await t.runtime.queues.deliveries.getJobCounts("waiting", "active", "delayed", "prioritized")).toEqual({
      waiting: 0,
      active: 0,
      delayed: 0,
      prioritized: 0,
    });
    expect(await db().alertDelivery.count({ where: { id: { in: ids }, status: "pending" } })).toBe(ids.length);

    await t.runtime.queues.alerts.add("reconcile", {});
    await until(
      "all sent",
      async () => (await db().alertDelivery.count({ where: { id: { in: ids }, status: "sent" } })) === ids.length,
    );
    const activityIds = (await db().alertDelivery.findMany({ where: { id: { in: ids } } })).map((d) => d.activityId);
    expect(new Set(activityIds).size).toBe(ids.length);
    expect(stub.sent().filter((c) => c.kind === "send")).toHaveLength(ids.length);
  });
});

describe("answering on the card (Universal Actions)", () => {
  // The answers are to the cards the scan sends.
  beforeEach(scanAndDeliver);

  it("a DT marks Jordan late: the register, the alert and every copy of the card change", async () => {
    const alert = await db().alert.findFirstOrThrow({
      where: { childId: f.jordan.id, rule: "unexplained_absence_today" },
    });
    stub.reset();
    const invoke = {
      ...installation({ aadObjectId: aadOf(PEOPLE.dtA) }, stub.url),
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "alert.present", data: { alertId: alert.id, late: true } } },
    };
    const res = await post(t.base, invoke);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(JSON.stringify(body.value)).toContain("Marked late (L)");
    expect(JSON.stringify(body.value)).not.toContain("alert.present");

    const mark = await db().attendanceMark.findUnique({
      where: { childId_date_session: { childId: f.jordan.id, date: TODAY, session: "AM" } },
    });
    expect(mark?.code).toBe("L");
    expect(await db().alert.findUnique({ where: { id: alert.id } })).toMatchObject({
      status: "resolved",
      answeredById: f.dtA.id,
    });
    const audit = await db().auditEvent.findFirst({ where: { action: "answer_alert" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: f.dtA.id, childId: f.jordan.id, channel: "bot" });

    const updates = await stub.waitFor((c) => c.kind === "update" && !c.rejected, { count: 2, timeoutMs: 10_000 });
    const sent = await db().alertDelivery.findMany({ where: { alertId: alert.id } });
    expect(updates.map((u) => u.activityId).sort()).toEqual(sent.map((d) => d.activityId).sort());
    for (const u of updates) expect(JSON.stringify(u.body)).toContain("Marked late (L)");
  });

  it("refuses someone the alert was not sent to", async () => {
    const alert = await db().alert.findFirstOrThrow({ where: { childId: f.tyler.id } });
    const res = await post(t.base, {
      ...installation({ aadObjectId: aadOf(PEOPLE.dtA) }, stub.url),
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "alert.ack", data: { alertId: alert.id } } },
    });
    const body = (await res.json()) as Json;
    expect(body.type).toBe("application/vnd.microsoft.activity.message");
    expect(await db().alert.findUnique({ where: { id: alert.id } })).toMatchObject({ status: "open" });
  });

  it("the Action.Submit fallback does the same through a message", async () => {
    const alert = await db().alert.findFirstOrThrow({ where: { childId: f.tyler.id } });
    stub.reset();
    const res = await post(t.base, {
      ...installation({ aadObjectId: aadOf(PEOPLE.sw1) }, stub.url),
      type: "message",
      text: "",
      value: { verb: "alert.ack", alertId: alert.id },
    });
    expect(res.status).toBe(200);
    expect(await db().alert.findUnique({ where: { id: alert.id } })).toMatchObject({ status: "acknowledged" });
    const [reply] = await stub.waitFor((c) => c.kind === "reply");
    expect(JSON.stringify(reply!.body)).toContain("Acknowledged");
  });
});
