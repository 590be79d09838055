/**
 * Every answer on an alert card, given as Teams gives it: an Action.Execute invoke posted
 * to /api/messages. For each: the record changes, the alert's history and the audit log
 * get their row, the person gets the card as it now is, and every sent copy of the card is
 * updated at the Bot Connector stub (once each). Each test raises and sends its own alert.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertRule } from "../../core/alerts/alert.types.js";
import { londonDateOf } from "../../core/platform/dates.js";
import { alertIdOf, answerCard, outboxAlert, quiet } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, createTestChild, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { withInsertsRefused } from "../support/refuse-inserts.js";
import { installation, post } from "../support/teams.js";
import { until } from "../support/wait.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

const db = () => t.database.db;
const CARD = "application/vnd.microsoft.card.adaptive";
type Who = "vsh" | "sw1" | "dtA" | "dtB";
const RECIPIENTS = ["vsh", "sw1", "dtA", "dtB"] as const;

beforeAll(async () => {
  stub = await startConnectorStub();
  // 14:30 in England: both of today's registers have closed (09:30 and 13:45).
  t = await startTestApp({ today: TODAY, time: "14:30", workers: true });
  f = await buildSmallAuthority(db());
  for (const who of RECIPIENTS) await post(t.base, installation({ aadObjectId: aadOf(PEOPLE[who]) }, stub.url));
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

const ATTENDANCE = { rule: "unexplained_absence_today" as AlertRule, details: { date: TODAY, am: "N", pm: "none" } };

/** An alert about `childId` raised this morning and sent to `to`: resolves once every card is out. */
async function sentAlert(childId: number, to: Who[], kind: Partial<typeof ATTENDANCE> = {}) {
  const recipientIds = to.map((who) => f[who].id);
  const alert = await outboxAlert(db(), { childId, recipientIds, raisedAt: new Date(`${TODAY}T10:30:00Z`), ...kind });
  await t.runtime.queues.port.deliver(alert.deliveryIds);
  await until(
    "every copy to be sent",
    async () => (await db().alertDelivery.count({ where: { alertId: alert.alertId, status: "sent" } })) === to.length,
  );
  return alert.alertId;
}

/** Answers on the card as `who`; the invoke is answered with the card as it now is (or a sentence). */
async function answer(who: Who, verb: string, data: Record<string, string | number | boolean>) {
  const res = await answerCard(t.base, stub.url, { aadObjectId: aadOf(PEOPLE[who]) }, verb, data);
  expect(res.status).toBe(200);
  return res.body;
}

/**
 * Answers as `who` and checks the card they get back shows `shows`; resolves with the audit
 * rows the answer wrote, as [action, actor, child, channel].
 */
async function answerShowing(who: Who, verb: string, data: Record<string, string | number | boolean>, shows: string) {
  const since = (await db().auditEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
  // The copies' replacements (audited before each send: audit-sends.test.ts) wait until these rows are read.
  const deliveries = t.runtime.queues.deliveries;
  await deliveries.pause();
  try {
    const card = await answer(who, verb, data);
    expect(card).toMatchObject({ statusCode: 200, type: CARD });
    expect(JSON.stringify(card.value)).toContain(shows);
    const rows = await db().auditEvent.findMany({ where: { id: { gt: since } }, orderBy: { id: "asc" } });
    return rows.map((a) => [a.action, a.actorId, a.childId, a.channel]);
  } finally {
    await deliveries.resume();
  }
}

/** The alert as saved, and its history as [action, detail, by]. */
async function recordOf(alertId: number) {
  const alert = await db().alert.findUniqueOrThrow({ where: { id: alertId }, include: { events: true } });
  return { alert, history: alert.events.map((e) => [e.action, e.detail, e.professionalId]) };
}

/** Every sent copy of the alert was updated once at the stub, and each now shows all of `what`. */
async function expectEveryCopyShows(alertId: number, copies: number, ...what: string[]) {
  const sent = await db().alertDelivery.findMany({ where: { alertId, status: "sent" } });
  expect(sent).toHaveLength(copies);
  await stub.waitFor((c) => c.kind === "update" && alertIdOf(c) === alertId, { count: copies, timeoutMs: 10_000 });
  await quiet(t.runtime.queues.deliveries);
  const updates = stub.calls.filter((c) => c.kind === "update" && alertIdOf(c) === alertId);
  expect(updates).toHaveLength(copies);
  expect(updates.every((u) => u.status === 200)).toBe(true);
  expect(updates.map((u) => u.activityId).sort()).toEqual(sent.map((d) => d.activityId).sort());
  for (const u of updates) for (const w of what) expect(JSON.stringify(u.body)).toContain(w);
}

describe("answers on the card", () => {
  it("snooze: the DT snoozes for 5 school days, to Monday week (the weekend does not count)", async () => {
    const alertId = await sentAlert(f.jordan.id, ["dtA", "sw1"]);
    const audit = await answerShowing("dtA", "alert.snooze", { alertId, days: "5" }, "Snoozed until Mon 30 Nov 2026");

    const { alert, history } = await recordOf(alertId);
    expect(alert).toMatchObject({
      status: "snoozed",
      snoozedUntil: "2026-11-30",
      answer: "snoozed",
      answeredById: f.dtA.id,
    });
    expect(alert.answeredAt && londonDateOf(alert.answeredAt)).toBe(TODAY);
    expect(history).toEqual([["snoozed", "2026-11-30", f.dtA.id]]);
    expect(audit).toEqual([["answer_alert", f.dtA.id, f.jordan.id, "bot"]]);
    await expectEveryCopyShows(alertId, 2, " · dt.a: ", "Snoozed until Mon 30 Nov 2026");
  });

  it("a reason: the DT's code goes into today's register, morning and afternoon", async () => {
    await db().attendanceMark.create({ data: { childId: f.jordan.id, date: TODAY, session: "AM", code: "N" } });
    const alertId = await sentAlert(f.jordan.id, ["dtA", "sw1"], ATTENDANCE);
    const audit = await answerShowing("dtA", "alert.reason", { alertId, code: "M" }, "Gave a reason (M)");

    const marks = await db().attendanceMark.findMany({
      where: { childId: f.jordan.id, date: TODAY },
      orderBy: { session: "asc" },
    });
    expect(marks.map((m) => [m.session, m.code])).toEqual([
      ["AM", "M"],
      ["PM", "M"],
    ]);
    const { alert, history } = await recordOf(alertId);
    expect(alert).toMatchObject({ status: "resolved", answer: "reason", answeredById: f.dtA.id });
    expect(history).toEqual([["reason", "M", f.dtA.id]]);
    expect(audit).toEqual([["answer_alert", f.dtA.id, f.jordan.id, "bot"]]);
    await expectEveryCopyShows(alertId, 2, " · dt.a: ", "Gave a reason (M)", "Status: Resolved");
  });

  it("a reason that is not one (G, an unauthorised holiday) is refused and changes nothing", async () => {
    await db().attendanceMark.create({ data: { childId: f.amira.id, date: TODAY, session: "AM", code: "N" } });
    const alertId = await sentAlert(f.amira.id, ["dtB"], ATTENDANCE);
    const since = (await db().auditEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;

    const reply = await answer("dtB", "alert.reason", { alertId, code: "G" });
    expect(reply.type).toBe("application/vnd.microsoft.activity.message");
    expect(reply.value).toContain("“G” is not a reason for absence");

    const marks = await db().attendanceMark.findMany({ where: { childId: f.amira.id, date: TODAY } });
    expect(marks.map((m) => [m.session, m.code])).toEqual([["AM", "N"]]);
    const { alert, history } = await recordOf(alertId);
    expect(alert).toMatchObject({ status: "open", answer: null, answeredById: null });
    expect(history).toEqual([]);
    expect(await db().auditEvent.count({ where: { id: { gt: since } } })).toBe(0);
  });

  it("ask the school: the social worker's question shows on the DT's copy too", async () => {
    const alertId = await sentAlert(f.jordan.id, ["dtA", "sw1"]);
    const audit = await answerShowing("sw1", "alert.ask_school", { alertId }, "Asked the school");

    const { alert, history } = await recordOf(alertId);
    // Asking is not an answer to the alert itself: it stays open for the school.
    expect(alert).toMatchObject({ status: "open", answer: "asked_school", answeredById: f.sw1.id });
    expect(history).toEqual([["asked_school", null, f.sw1.id]]);
    expect(audit).toEqual([["answer_alert", f.sw1.id, f.jordan.id, "bot"]]);
    await expectEveryCopyShows(alertId, 2, " · sw1: ", "Asked the school");
  });

  it("ask the school: the school's cards are saved with the answer, or nothing is", async () => {
    const alertId = await sentAlert(f.jordan.id, ["dtA", "sw1"]);
    // The asked post is written after the answer and its history, in one transaction: refused, they go too.
    await withInsertsRefused(db(), "AlertPost", async () => {
      await answerCard(t.base, stub.url, { aadObjectId: aadOf(PEOPLE.sw1) }, "alert.ask_school", { alertId });
      const { alert, history } = await recordOf(alertId);
      expect(alert).toMatchObject({ status: "open", answer: null, answeredById: null });
      expect(history).toEqual([]);
    });
    await answerShowing("sw1", "alert.ask_school", { alertId }, "Asked the school");
    const asked = await db().alertPost.findMany({ where: { alertId, kind: "asked" } });
    expect(asked.map((p) => p.professionalId)).toEqual([f.dtA.id]);
    // The asked card and the copies' updates audit their reads: done here, not in the next test's window.
    await quiet(t.runtime.queues.deliveries);
  });

  it("log from a card: the action is saved (source card) and the alert acknowledged", async () => {
    const alertId = await sentAlert(f.jordan.id, ["dtA", "sw1"]);
    const text = `Rang the carer about alert ${alertId}`;
    const audit = await answerShowing("sw1", "alert.log", { alertId, text }, "Logged an action");

    const actions = await db().actionLog.findMany({ where: { text } });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      childId: f.jordan.id,
      professionalId: f.sw1.id,
      source: "card",
      followUpDate: null,
    });
    expect(actions[0] && londonDateOf(actions[0].at)).toBe(TODAY);
    const { alert, history } = await recordOf(alertId);
    expect(alert).toMatchObject({ status: "acknowledged", answer: "action_logged", answeredById: f.sw1.id });
    expect(history).toEqual([["action_logged", null, f.sw1.id]]);
    expect(audit).toEqual([
      ["log_action", f.sw1.id, f.jordan.id, "bot"],
      ["answer_alert", f.sw1.id, f.jordan.id, "bot"],
    ]);
    await expectEveryCopyShows(alertId, 2, " · sw1: ", "Logged an action", "Status: Acknowledged");
  });

  it("the VSH answers an alert sent to others: allowed, recorded as the VSH's, on both copies", async () => {
    const alertId = await sentAlert(f.jordan.id, ["dtA", "sw1"]);
    const audit = await answerShowing("vsh", "alert.ack", { alertId }, "Status: Acknowledged");

    const { alert, history } = await recordOf(alertId);
    expect(alert).toMatchObject({ status: "acknowledged", answer: "acknowledged", answeredById: f.vsh.id });
    expect(history).toEqual([["acknowledged", null, f.vsh.id]]);
    // Answering sends the VSH no copy of their own.
    const copies = await db().alertDelivery.findMany({ where: { alertId } });
    expect(copies.map((d) => d.professionalId).sort()).toEqual([f.sw1.id, f.dtA.id].sort());
    expect(audit).toEqual([["answer_alert", f.vsh.id, f.jordan.id, "bot"]]);
    // Each copy says who answered (the VSH is "vsh" in the fixture) and what they did.
    await expectEveryCopyShows(alertId, 2, " · vsh: ", "Status: Acknowledged");
  });
});

describe("in school, session by session (both registers closed at 14:30)", () => {
  let serial = 40;
  /** A child at the DT's school with today's register as given, and an absence alert about them sent to the DT. */
  async function childAbsent(am: string | null, pm: string | null) {
    serial += 1;
    const child = await createTestChild(db(), { localId: `S${serial}`, firstName: "Sam", lastName: "Test", serial });
    await db().enrolment.create({ data: { childId: child.id, schoolId: f.schoolA.id, fromDate: "2026-09-01" } });
    const marks = [
      ...(am === null ? [] : [{ childId: child.id, date: TODAY, session: "AM", code: am }]),
      ...(pm === null ? [] : [{ childId: child.id, date: TODAY, session: "PM", code: pm }]),
    ];
    await db().attendanceMark.createMany({ data: marks });
    const details = { date: TODAY, am: am ?? "none", pm: pm ?? "none" };
    const alertId = await sentAlert(child.id, ["dtA"], { rule: "unexplained_absence_today", details });
    return { childId: child.id, alertId };
  }
  const register = async (childId: number) =>
    (await db().attendanceMark.findMany({ where: { childId, date: TODAY }, orderBy: { session: "asc" } })).map((m) => [
      m.session,
      m.code,
    ]);

  it.each([
    [
      "present this morning, the afternoon blank: the afternoon's code",
      "/",
      null,
      false,
      [
        ["AM", "/"],
        ["PM", "\\"],
      ],
      "\\",
    ],
    [
      "both blank: each session its own code",
      null,
      null,
      false,
      [
        ["AM", "/"],
        ["PM", "\\"],
      ],
      "/",
    ],
    [
      "late for the afternoon (O): L there, the morning kept",
      "/",
      "O",
      true,
      [
        ["AM", "/"],
        ["PM", "L"],
      ],
      "L",
    ],
    [
      "U this morning stays U",
      "U",
      null,
      false,
      [
        ["AM", "U"],
        ["PM", "\\"],
      ],
      "\\",
    ],
  ] as [string, string | null, string | null, boolean, string[][], string][])(
    "%s",
    async (_name, am, pm, late, marks, detail) => {
      const { childId, alertId } = await childAbsent(am, pm);
      await answerShowing("dtA", "alert.present", { alertId, late }, late ? "Marked late (L)" : "Marked in school");
      expect(await register(childId)).toEqual(marks);
      const { alert, history } = await recordOf(alertId);
      expect(alert).toMatchObject({ status: "resolved", answeredById: f.dtA.id });
      expect(history).toEqual([[late ? "late" : "present", detail, f.dtA.id]]);
    },
  );
});
